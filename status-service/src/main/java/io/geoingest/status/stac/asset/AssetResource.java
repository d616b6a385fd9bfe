package io.geoingest.status.stac.asset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.api.ApiDocumentation;
import io.geoingest.common.auth.Caller;
import io.geoingest.common.auth.Permission;
import io.geoingest.common.error.StacProblem;
import io.geoingest.common.stac.CatalogOwnership;
import io.geoingest.common.stac.StacAssetId;
import io.geoingest.common.stac.StacItemId;
import io.geoingest.common.stac.StacPaths;
import io.geoingest.status.limits.RequestSizeLimit;
import io.geoingest.status.stac.Preconditions;
import io.geoingest.status.stac.StacUrls;
import io.geoingest.status.stac.item.ItemQuery;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The assets of an item: read by anyone (see CredentialsFirst), metadata written by files_admin or
 * files_upload, files downloaded through {@code .../download}. Uploads under
 * {@code .../assets/{a}/uploads} are the upload-service's.
 */
@Path(StacPaths.BASE_PATH + "/collections/{collectionId}/items/{itemId}/assets")
@Tag(name = ApiDocumentation.STAC)
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class AssetResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    AssetReader reader;

    @Inject
    ItemQuery items;

    @Inject
    AssetCatalog catalog;

    @Inject
    AssetDocuments documents;

    @Inject
    AssetDownloads downloads;

    @GET
    @Operation(operationId = "getAssets", summary = "List an item's assets", description = "The item's assets by key, with their download links.")
    @APIResponse(responseCode = "200", description = "The assets")
    @APIResponse(responseCode = "404", description = "Item not found")
    public ObjectNode list(@Parameter(description = "Collection id", example = "sentinel-2-l2a") @PathParam("collectionId") String collectionId,
            @Parameter(description = "Item id", example = "S2B_32TLT_20240917") @PathParam("itemId") String itemId, @Context UriInfo uriInfo) {
        StacItemId item = new StacItemId(collectionId, itemId);
        if (items.find(item, Caller.of(identity)).isEmpty()) {
            throw StacProblem.itemNotFound();
        }
        return documents.list(item, reader.ofItem(item), StacUrls.of(uriInfo));
    }

    @GET
    @Path("/{assetId}")
    @Operation(operationId = "getAsset", summary = "Get an asset", description = "The asset's metadata, with the status of its uploaded file.")
    @APIResponse(responseCode = "200", description = "The asset", headers = @Header(name = HttpHeaders.ETAG, description = Preconditions.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "304", description = Preconditions.NOT_MODIFIED, headers = @Header(name = HttpHeaders.ETAG, description = Preconditions.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "Asset not found")
    @APIResponse(responseCode = "412", description = Preconditions.FAILED)
    public Response get(@Parameter(description = "Collection id", example = "sentinel-2-l2a") @PathParam("collectionId") String collectionId,
            @Parameter(description = "Item id", example = "S2B_32TLT_20240917") @PathParam("itemId") String itemId,
            @Parameter(description = "Asset id", example = "visual") @PathParam("assetId") String assetId,
            @BeanParam Preconditions preconditions, @Context UriInfo uriInfo) {
        return preconditions.read(documents.standalone(require(new StacAssetId(collectionId, itemId, assetId)),
                StacUrls.of(uriInfo)));
    }

    /** Creates (201 with Location) or replaces (200) the asset's metadata; the item must exist. */
    @PUT
    @Path("/{assetId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
    @Operation(operationId = "putAsset", summary = "Create or replace an asset's metadata",
            description = "title, description, type, roles; `href` only for a file stored elsewhere (its file is"
                    + " otherwise uploaded through .../uploads). The item must exist. Needs files_upload or files_admin.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"title\": \"True colour image\", \"type\": \"image/tiff; application=geotiff\","
                    + " \"roles\": [\"visual\"]}"))
    @APIResponse(responseCode = "200", description = "Replaced; the asset", headers = @Header(name = HttpHeaders.ETAG, description = Preconditions.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "201", description = "Created; the asset, its URL in Location", headers = @Header(name = HttpHeaders.ETAG, description = Preconditions.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", description = "roles must be an array of strings; or " + AssetCatalog.ASSETS_OVER_BUDGET)
    @APIResponse(responseCode = "413", description = RequestSizeLimit.TOO_LARGE)
    @APIResponse(responseCode = "404", description = "Item not found (also an item the caller may not read)")
    @APIResponse(responseCode = "409", description = "The resource or its parent was changed by another request at the same time")
    @APIResponse(responseCode = "412", description = Preconditions.FAILED)
    public Response put(@Parameter(description = "Collection id", example = "sentinel-2-l2a") @PathParam("collectionId") String collectionId,
            @Parameter(description = "Item id", example = "S2B_32TLT_20240917") @PathParam("itemId") String itemId,
            @Parameter(description = "Asset id", example = "visual") @PathParam("assetId") String assetId,
            @BeanParam Preconditions preconditions, JsonNode body, @Context UriInfo uriInfo) {
        StacAssetId key = new StacAssetId(collectionId, itemId, assetId);
        boolean created = catalog.put(Caller.of(identity), key, AssetWrite.from(assetId, body), preconditions);
        StacUrls urls = StacUrls.of(uriInfo);
        return documents.standalone(require(key), urls).written(created, urls.asset(collectionId, itemId, assetId));
    }

    @DELETE
    @Path("/{assetId}")
    @RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
    @Operation(operationId = "deleteAsset", summary = "Delete an asset", description = "An upload to it still in progress is aborted. Needs"
            + " files_upload or files_admin.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "The asset " + CatalogOwnership.HOLDS_OTHER_OWNERS_FILE)
    @APIResponse(responseCode = "404", description = "Asset not found (also an asset of an item the caller may not read)")
    @APIResponse(responseCode = "412", description = Preconditions.FAILED)
    public void delete(@Parameter(description = "Collection id", example = "sentinel-2-l2a") @PathParam("collectionId") String collectionId,
            @Parameter(description = "Item id", example = "S2B_32TLT_20240917") @PathParam("itemId") String itemId,
            @Parameter(description = "Asset id", example = "visual") @PathParam("assetId") String assetId,
            @BeanParam Preconditions preconditions) {
        catalog.delete(Caller.of(identity), new StacAssetId(collectionId, itemId, assetId), preconditions);
    }

    private AssetRow require(StacAssetId key) {
        return reader.find(key, Caller.of(identity)).orElseThrow(StacProblem::assetNotFound);
    }

    /** The asset's file: a redirect (302) to a presigned storage URL, fresh on every call. */
    @GET
    @Path("/{assetId}/download")
    @Operation(operationId = "downloadAsset", summary = "Download an asset's file",
            description = "Redirects (302) to a presigned storage URL of the uploaded file, fresh on every call.")
    @APIResponse(responseCode = "302", description = "Redirect to the presigned URL",
            headers = @Header(name = "Location", description = "The presigned storage URL", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "Asset not found (also the asset of a file another owner uploaded"
            + " through the file API, as that API hides the file), or: " + AssetDownloads.NO_FILE)
    @APIResponse(responseCode = "409", description = "The asset's file is not ready for download yet: status IN_PROGRESS")
    public Response download(@Parameter(description = "Collection id", example = "sentinel-2-l2a") @PathParam("collectionId") String collectionId,
            @Parameter(description = "Item id", example = "S2B_32TLT_20240917") @PathParam("itemId") String itemId,
            @Parameter(description = "Asset id", example = "visual") @PathParam("assetId") String assetId) {
        URI location = downloads.url(Caller.of(identity), new StacAssetId(collectionId, itemId, assetId));
        return Response.status(Response.Status.FOUND).location(location).build();
    }
}
