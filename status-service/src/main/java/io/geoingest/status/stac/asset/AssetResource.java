package io.geoingest.status.stac.asset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.auth.Permission;
import io.geoingest.common.stac.StacAssetId;
import io.geoingest.common.stac.StacItem;
import io.geoingest.common.stac.StacItemId;
import io.geoingest.status.stac.StacApi;
import io.geoingest.status.stac.StacException;
import io.geoingest.status.stac.StacUrls;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/**
 * The assets of an item: read by any authenticated caller, metadata written by files_admin or
 * files_upload, files downloaded through {@code .../download}. Uploads under
 * {@code .../assets/{a}/uploads} are the upload-service's.
 */
@Path(StacApi.BASE_PATH + "/collections/{collectionId}/items/{itemId}/assets")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AssetResource {

    @Inject
    AssetReader reader;

    @Inject
    AssetCatalog catalog;

    @Inject
    AssetDocuments documents;

    @Inject
    AssetDownloads downloads;

    @GET
    public ObjectNode list(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId,
            @Context UriInfo uriInfo) {
        StacItemId item = new StacItemId(collectionId, itemId);
        if (StacItem.findById(item) == null) {
            throw StacException.itemNotFound();
        }
        return documents.list(item, reader.ofItem(item), StacUrls.of(uriInfo));
    }

    @GET
    @Path("/{assetId}")
    public ObjectNode get(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId,
            @PathParam("assetId") String assetId, @Context UriInfo uriInfo) {
        AssetRow asset = reader.find(new StacAssetId(collectionId, itemId, assetId))
                .orElseThrow(StacException::assetNotFound);
        return documents.standalone(asset, StacUrls.of(uriInfo));
    }

    /** Creates (201 with Location) or replaces (200) the asset's metadata; the item must exist. */
    @PUT
    @Path("/{assetId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
    public Response put(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId,
            @PathParam("assetId") String assetId, JsonNode body, @Context UriInfo uriInfo) {
        StacAssetId key = new StacAssetId(collectionId, itemId, assetId);
        boolean created = catalog.put(key, AssetWrite.from(assetId, body));
        StacUrls urls = StacUrls.of(uriInfo);
        ObjectNode document = documents.standalone(reader.find(key).orElseThrow(StacException::assetNotFound), urls);
        return created
                ? Response.created(URI.create(urls.asset(collectionId, itemId, assetId))).entity(document).build()
                : Response.ok(document).build();
    }

    @DELETE
    @Path("/{assetId}")
    @RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
    public void delete(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId,
            @PathParam("assetId") String assetId) {
        catalog.delete(new StacAssetId(collectionId, itemId, assetId));
    }

    /** The asset's file: a redirect (302) to a presigned storage URL, fresh on every call. */
    @GET
    @Path("/{assetId}/download")
    public Response download(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId,
            @PathParam("assetId") String assetId) {
        URI location = downloads.url(new StacAssetId(collectionId, itemId, assetId));
        return Response.status(Response.Status.FOUND).location(location).build();
    }
}
