package io.geoingest.status.stac.item;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.api.ApiDocumentation;
import io.geoingest.common.auth.Caller;
import io.geoingest.common.auth.Permission;
import io.geoingest.common.error.StacProblem;
import io.geoingest.common.stac.CatalogOwnership;
import io.geoingest.common.stac.StacCollection;
import io.geoingest.common.stac.StacItemId;
import io.geoingest.common.stac.StacPaths;
import io.geoingest.status.limits.RequestSizeLimit;
import io.geoingest.status.stac.Link;
import io.geoingest.status.stac.Preconditions;
import io.geoingest.status.stac.QueryParameters;
import io.geoingest.status.stac.StacApi;
import io.geoingest.status.stac.StacUrls;
import io.geoingest.status.stac.VisibleItems;
import io.geoingest.status.stac.asset.AssetWrite;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The items of a collection: read by anyone (see CredentialsFirst), written by files_admin or files_upload. */
@Path(StacPaths.BASE_PATH + "/collections/{collectionId}/items")
@Tag(name = ApiDocumentation.STAC)
@PermitAll
@Produces({StacApi.GEO_JSON, MediaType.APPLICATION_JSON})
public class ItemResource {

    @Inject
    ItemQuery query;

    @Inject
    SecurityIdentity identity;

    @Inject
    ItemPages pages;

    @Inject
    ItemCatalog catalog;

    @Inject
    ItemDocuments documents;

    @Inject
    ObjectMapper json;

    /**
     * A page of the collection's items, in id order or as {@code sortby} asks, optionally filtered
     * as a search is (but for collections), with the fields asked for.
     */
    @GET
    @Operation(operationId = "getItems", summary = "List a collection's items",
            description = "A GeoJSON FeatureCollection of the collection's items in id order (or as `sortby` asks),"
                    + " optionally within a bbox"
                    + " (or intersecting a geometry), a datetime interval and a list of ids, a page at a time (`next` link)."
                    + ItemPages.SHORT_PAGES + VisibleItems.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of items (FeatureCollection)")
    @APIResponse(responseCode = "400", description = "bbox must be minx,miny,maxx,maxy")
    @APIResponse(responseCode = "404", description = "Collection not found")
    public ObjectNode list(@Parameter(description = "Collection id", example = "sentinel-2-l2a") @PathParam("collectionId") String collectionId,
            @BeanParam ItemQueryParameters parameters, @Context UriInfo uriInfo) {
        QueryParameters.requireSupported(uriInfo.getQueryParameters(), ItemQueryParameters.NAMES);
        int pageSize = parameters.pageSize();
        ItemFilter filter = parameters.filter(List.of(collectionId), json);
        ItemOrder order = parameters.order();
        Optional<List<String>> after = parameters.after();
        Optional<ItemFields> fields = parameters.fields(uriInfo.getQueryParameters());
        if (StacCollection.findById(collectionId) == null) {
            throw StacProblem.collectionNotFound();
        }
        ItemPages.Page page = pages.page(filter, Caller.of(identity), order, after, pageSize);
        StacUrls urls = StacUrls.of(uriInfo);
        List<Link> links = new ArrayList<>(List.of(
                Link.of("self", urls.self(), StacApi.GEO_JSON),
                Link.of("root", urls.root(), MediaType.APPLICATION_JSON),
                Link.of("parent", urls.collection(collectionId), MediaType.APPLICATION_JSON),
                Link.of("collection", urls.collection(collectionId), MediaType.APPLICATION_JSON)));
        page.next().ifPresent(next -> links.add(Link.of("next", urls.nextPage(order.cursor(next)),
                StacApi.GEO_JSON)));
        return documents.featureCollection(page.items(), pageSize, links, urls, fields);
    }

    @GET
    @Path("/{itemId}")
    @Operation(operationId = "getItem", summary = "Get an item", description = "The STAC Item (a GeoJSON Feature) with its assets."
            + VisibleItems.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The item", headers = @Header(name = HttpHeaders.ETAG, description = Preconditions.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = StacApi.GEO_JSON, schema = @Schema(type = SchemaType.OBJECT)),
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT))})
    @APIResponse(responseCode = "304", description = Preconditions.NOT_MODIFIED, headers = @Header(name = HttpHeaders.ETAG, description = Preconditions.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "Item not found")
    @APIResponse(responseCode = "412", description = Preconditions.FAILED)
    public Response get(@Parameter(description = "Collection id", example = "sentinel-2-l2a") @PathParam("collectionId") String collectionId,
            @Parameter(description = "Item id", example = "S2B_32TLT_20240917") @PathParam("itemId") String itemId,
            @BeanParam Preconditions preconditions, @Context UriInfo uriInfo) {
        return preconditions.read(documents.item(require(collectionId, itemId), StacUrls.of(uriInfo)));
    }

    /** Creates (201 with Location) or replaces (200) the item; the collection must exist. */
    @PUT
    @Path("/{itemId}")
    // An item is a GeoJSON Feature, served as application/geo+json: a client may send it back as such.
    @Consumes({MediaType.APPLICATION_JSON, StacApi.GEO_JSON})
    @RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
    @Operation(operationId = "putItem", summary = "Create or replace an item",
            description = "A STAC Item (GeoJSON Feature with a WGS 84 geometry, or null for data without a location, and"
                    + " properties.datetime, or start_datetime and end_datetime); the collection must exist. Needs files_upload or files_admin.")
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
            example = "{\"type\": \"Feature\", \"id\": \"S2B_32TLT_20240917\", \"geometry\": {\"type\": \"Polygon\","
                    + " \"coordinates\": [[[7.0, 46.0], [8.0, 46.0], [8.0, 47.0], [7.0, 47.0], [7.0, 46.0]]]},"
                    + " \"properties\": {\"datetime\": \"2024-09-17T10:30:00Z\"}}"),
            @Content(mediaType = StacApi.GEO_JSON, schema = @Schema(type = SchemaType.OBJECT))})
    @APIResponse(responseCode = "200", description = "Replaced; the item", headers = @Header(name = HttpHeaders.ETAG, description = Preconditions.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = StacApi.GEO_JSON, schema = @Schema(type = SchemaType.OBJECT)),
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT))})
    @APIResponse(responseCode = "201", description = "Created; the item, its URL in Location", headers = @Header(name = HttpHeaders.ETAG, description = Preconditions.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = StacApi.GEO_JSON, schema = @Schema(type = SchemaType.OBJECT)),
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT))})
    @APIResponse(responseCode = "400", description = ItemWrite.GEOMETRY_REQUIRED)
    @APIResponse(responseCode = "413", description = RequestSizeLimit.TOO_LARGE)
    @APIResponse(responseCode = "403", description = "The item " + CatalogOwnership.HOLDS_OTHER_OWNERS_FILE)
    @APIResponse(responseCode = "404", description = "Collection not found")
    @APIResponse(responseCode = "409", description = "The resource or its parent was changed by another request at the same"
            + " time; or " + ItemCatalog.ID_TAKEN + " (an item the caller may not read holds it)")
    @APIResponse(responseCode = "412", description = Preconditions.FAILED)
    public Response put(@Parameter(description = "Collection id", example = "sentinel-2-l2a") @PathParam("collectionId") String collectionId,
            @Parameter(description = "Item id", example = "S2B_32TLT_20240917") @PathParam("itemId") String itemId,
            @BeanParam Preconditions preconditions, JsonNode body, @Context UriInfo uriInfo) {
        boolean created = catalog.put(Caller.of(identity), collectionId, itemId, ItemWrite.from(collectionId, itemId, body),
                preconditions);
        StacUrls urls = StacUrls.of(uriInfo);
        return documents.item(require(collectionId, itemId), urls).written(created, urls.item(collectionId, itemId));
    }

    /** Creates an item named by its body's id (STAC API Transactions): 201 with Location, 409 when the id is taken. */
    @POST
    @Consumes({MediaType.APPLICATION_JSON, StacApi.GEO_JSON})
    @RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
    @Operation(operationId = "postItem", summary = "Create an item",
            description = "A STAC Item, as for a PUT, whose `id` names it; the collection must exist, and no item may"
                    + " have that id. Its `assets` are created with it, each as a PUT of it would be (an external"
                    + " http(s) `href`). One item per request. Needs files_upload or files_admin.")
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT),
            example = "{\"type\": \"Feature\", \"id\": \"S2B_32TLT_20240917\", \"geometry\": {\"type\": \"Point\","
                    + " \"coordinates\": [7.4, 46.9]}, \"properties\": {\"datetime\": \"2024-09-17T10:30:00Z\"}}"),
            @Content(mediaType = StacApi.GEO_JSON, schema = @Schema(type = SchemaType.OBJECT))})
    @APIResponse(responseCode = "201", description = "Created; the item, its URL in Location", headers = @Header(name = HttpHeaders.ETAG, description = Preconditions.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = {@Content(mediaType = StacApi.GEO_JSON, schema = @Schema(type = SchemaType.OBJECT)),
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT))})
    @APIResponse(responseCode = "400", description = "id is required: the id of the item to create")
    @APIResponse(responseCode = "403", description = "The collection is reserved for the worker's items")
    @APIResponse(responseCode = "404", description = "Collection not found")
    @APIResponse(responseCode = "409", description = "The item already exists (PUT replaces it), or "
            + ItemCatalog.ID_TAKEN)
    @APIResponse(responseCode = "413", description = RequestSizeLimit.TOO_LARGE)
    public Response create(@Parameter(description = "Collection id", example = "sentinel-2-l2a") @PathParam("collectionId") String collectionId,
            JsonNode body, @Context UriInfo uriInfo) {
        String itemId = ItemWrite.idOf(body);
        catalog.create(Caller.of(identity), collectionId, itemId, ItemWrite.from(collectionId, itemId, body),
                AssetWrite.allOf(body));
        StacUrls urls = StacUrls.of(uriInfo);
        return documents.item(require(collectionId, itemId), urls).written(true, urls.item(collectionId, itemId));
    }

    /** Deletes the item with its assets: 204, or 404 when there is none. */
    @DELETE
    @Path("/{itemId}")
    @RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
    @Operation(operationId = "deleteItem", summary = "Delete an item", description = "With its assets; uploads to them still in progress are"
            + " aborted. Needs files_upload or files_admin.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "The item " + CatalogOwnership.HOLDS_OTHER_OWNERS_FILE)
    @APIResponse(responseCode = "404", description = "Item not found (also an item the caller may not read)")
    @APIResponse(responseCode = "412", description = Preconditions.FAILED)
    public void delete(@Parameter(description = "Collection id", example = "sentinel-2-l2a") @PathParam("collectionId") String collectionId,
            @Parameter(description = "Item id", example = "S2B_32TLT_20240917") @PathParam("itemId") String itemId,
            @BeanParam Preconditions preconditions) {
        catalog.delete(Caller.of(identity), collectionId, itemId, preconditions);
    }

    private ItemRow require(String collectionId, String itemId) {
        return query.find(new StacItemId(collectionId, itemId), Caller.of(identity)).orElseThrow(StacProblem::itemNotFound);
    }
}
