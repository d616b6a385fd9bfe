package io.geoingest.status.stac.item;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.auth.Permission;
import io.geoingest.common.stac.StacCollection;
import io.geoingest.common.stac.StacItemId;
import io.geoingest.status.stac.Cursor;
import io.geoingest.status.stac.Link;
import io.geoingest.status.stac.PageLimit;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The items of a collection: read by any authenticated caller, written by files_admin or files_upload. */
@Path(StacApi.BASE_PATH + "/collections/{collectionId}/items")
@Authenticated
@Produces({StacApi.GEO_JSON, MediaType.APPLICATION_JSON})
public class ItemResource {

    @Inject
    ItemQuery query;

    @Inject
    ItemPages pages;

    @Inject
    ItemCatalog catalog;

    @Inject
    ItemDocuments documents;

    /** A page of the collection's items, in id order, optionally within a bbox and a datetime. */
    @GET
    public ObjectNode list(@PathParam("collectionId") String collectionId, @QueryParam("limit") String limit,
            @QueryParam("bbox") String bbox, @QueryParam("datetime") String datetime,
            @QueryParam("cursor") String cursor, @Context UriInfo uriInfo) {
        int pageSize = PageLimit.parse(limit);
        ItemFilter filter = ItemFilter.inCollection(collectionId,
                Optional.ofNullable(bbox).map(SpatialFilter::bbox),
                Optional.ofNullable(datetime).map(DatetimeInterval::parse));
        Optional<StacItemId> after = Optional.ofNullable(cursor)
                .map(value -> new StacItemId(collectionId, Cursor.decode(value, 1).get(0)));
        if (StacCollection.findById(collectionId) == null) {
            throw StacException.collectionNotFound();
        }
        ItemPages.Page page = pages.page(filter, after, pageSize);
        StacUrls urls = StacUrls.of(uriInfo);
        List<Link> links = new ArrayList<>(List.of(
                Link.of("self", uriInfo.getRequestUri().toString(), StacApi.GEO_JSON),
                Link.of("root", urls.root(), MediaType.APPLICATION_JSON),
                Link.of("parent", urls.collection(collectionId), MediaType.APPLICATION_JSON),
                Link.of("collection", urls.collection(collectionId), MediaType.APPLICATION_JSON)));
        page.next().ifPresent(next -> links.add(Link.of("next", uriInfo.getRequestUriBuilder()
                .replaceQueryParam("cursor", Cursor.encode(next.id())).build().toString(), StacApi.GEO_JSON)));
        return documents.featureCollection(page.items(), pageSize, links, urls);
    }

    @GET
    @Path("/{itemId}")
    public ObjectNode get(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId,
            @Context UriInfo uriInfo) {
        return documents.item(require(collectionId, itemId), StacUrls.of(uriInfo));
    }

    /** Creates (201 with Location) or replaces (200) the item; the collection must exist. */
    @PUT
    @Path("/{itemId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
    public Response put(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId,
            JsonNode body, @Context UriInfo uriInfo) {
        boolean created = catalog.put(collectionId, itemId, ItemWrite.from(collectionId, itemId, body));
        StacUrls urls = StacUrls.of(uriInfo);
        ObjectNode document = documents.item(require(collectionId, itemId), urls);
        return created
                ? Response.created(URI.create(urls.item(collectionId, itemId))).entity(document).build()
                : Response.ok(document).build();
    }

    /** Deletes the item with its assets: 204, or 404 when there is none. */
    @DELETE
    @Path("/{itemId}")
    @RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
    public void delete(@PathParam("collectionId") String collectionId, @PathParam("itemId") String itemId) {
        catalog.delete(collectionId, itemId);
    }

    private ItemRow require(String collectionId, String itemId) {
        return query.find(new StacItemId(collectionId, itemId)).orElseThrow(StacException::itemNotFound);
    }
}
