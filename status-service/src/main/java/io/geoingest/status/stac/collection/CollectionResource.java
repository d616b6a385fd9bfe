package io.geoingest.status.stac.collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.auth.Permission;
import io.geoingest.common.stac.StacCollection;
import io.geoingest.status.stac.Cursor;
import io.geoingest.status.stac.PageLimit;
import io.geoingest.status.stac.StacApi;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** {@code /collections}: read by any authenticated caller, written by files_admin or files_upload. */
@Path(StacApi.BASE_PATH + "/collections")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class CollectionResource {

    @Inject
    CollectionCatalog catalog;

    @Inject
    CollectionDocuments documents;

    @GET
    public ObjectNode list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Context UriInfo uriInfo) {
        int pageSize = PageLimit.parse(limit);
        Optional<String> after = Optional.ofNullable(cursor).map(value -> Cursor.decode(value, 1).get(0));
        List<StacCollection> collections = catalog.page(after, pageSize + 1);
        Optional<String> next = Optional.empty();
        if (collections.size() > pageSize) {
            collections = collections.subList(0, pageSize);
            next = Optional.of(uriInfo.getRequestUriBuilder()
                    .replaceQueryParam("cursor", Cursor.encode(collections.get(pageSize - 1).id)).build().toString());
        }
        return documents.list(collections, next, StacUrls.of(uriInfo));
    }

    @GET
    @Path("/{collectionId}")
    public ObjectNode get(@PathParam("collectionId") String collectionId, @Context UriInfo uriInfo) {
        return documents.collection(catalog.require(collectionId), StacUrls.of(uriInfo));
    }

    /** Creates (201 with Location) or replaces (200) the collection. */
    @PUT
    @Path("/{collectionId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
    public Response put(@PathParam("collectionId") String collectionId, JsonNode body, @Context UriInfo uriInfo) {
        CollectionCatalog.Written written = catalog.put(collectionId, CollectionWrite.from(collectionId, body));
        StacUrls urls = StacUrls.of(uriInfo);
        ObjectNode document = documents.collection(written.collection(), urls);
        return written.created()
                ? Response.created(URI.create(urls.collection(collectionId))).entity(document).build()
                : Response.ok(document).build();
    }

    /** Deletes the collection with its items and assets: 204, or 404 when there is none. */
    @DELETE
    @Path("/{collectionId}")
    @RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
    public void delete(@PathParam("collectionId") String collectionId) {
        catalog.delete(collectionId);
    }
}
