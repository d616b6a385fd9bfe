package io.geoingest.status.stac.collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.api.ApiDocumentation;
import io.geoingest.common.auth.Caller;
import io.geoingest.common.auth.Permission;
import io.geoingest.common.stac.CatalogOwnership;
import io.geoingest.common.stac.StacCollection;
import io.geoingest.common.stac.StacPaths;
import io.geoingest.status.limits.RequestSizeLimit;
import io.geoingest.status.stac.Cursor;
import io.geoingest.status.stac.PageLimit;
import io.geoingest.status.stac.Preconditions;
import io.geoingest.status.stac.QueryParameters;
import io.geoingest.status.stac.StacUrls;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /collections}: read by anyone (see CredentialsFirst), written by files_admin or files_upload. */
@Path(StacPaths.BASE_PATH + "/collections")
@Tag(name = ApiDocumentation.STAC)
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class CollectionResource {
    /** No collection search: {@code q}, {@code bbox}, {@code datetime}... are refused, not ignored. */
    private static final Set<String> LIST_PARAMETERS = Set.of("limit", "cursor");

    @Inject
    SecurityIdentity identity;

    @Inject
    CollectionCatalog catalog;

    @Inject
    CollectionDocuments documents;

    @GET
    @Operation(operationId = "getCollections", summary = "List collections", description = "Collections in id order, a page at a time (`next` link)." + PageLimit.SHORT_PAGES
            + CollectionExtents.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of collections: {collections, links}")
    @APIResponse(responseCode = "400", description = PageLimit.INVALID)
    public ObjectNode list(@Parameter(description = PageLimit.DESCRIPTION, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100")) @QueryParam("limit") String limit,
            @Parameter(description = "Where the page starts: taken from the `next` link of the previous page") @QueryParam("cursor") String cursor,
            @Context UriInfo uriInfo) {
        QueryParameters.requireSupported(uriInfo.getQueryParameters(), LIST_PARAMETERS);
        int pageSize = PageLimit.parse(limit);
        Optional<String> after = Optional.ofNullable(cursor).map(value -> Cursor.decode(value, 1).get(0));
        CollectionCatalog.Page page = catalog.page(after, pageSize);
        List<StacCollection> collections = page.collections();
        StacUrls urls = StacUrls.of(uriInfo);
        Optional<String> next = page.more()
                ? Optional.of(urls.nextPage(Cursor.encode(collections.get(collections.size() - 1).id)))
                : Optional.empty();
        return documents.list(collections, Caller.of(identity), next, urls);
    }

    @GET
    @Path("/{collectionId}")
    @Operation(operationId = "getCollection", summary = "Get a collection", description = "The STAC Collection with its extent and links."
            + CollectionExtents.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The collection", headers = @Header(name = HttpHeaders.ETAG, description = Preconditions.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "304", description = Preconditions.NOT_MODIFIED, headers = @Header(name = HttpHeaders.ETAG, description = Preconditions.ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "Collection not found")
    @APIResponse(responseCode = "412", description = Preconditions.FAILED)
    public Response get(@Parameter(description = "Collection id", example = "sentinel-2-l2a") @PathParam("collectionId") String collectionId,
            @BeanParam Preconditions preconditions, @Context UriInfo uriInfo) {
        return preconditions.read(documents.collection(catalog.require(collectionId), Caller.of(identity),
                StacUrls.of(uriInfo)));
    }

    /** Creates (201 with Location) or replaces (200) the collection. */
    @PUT
    @Path("/{collectionId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
    @Operation(operationId = "putCollection", summary = "Create or replace a collection",
            description = "A STAC Collection document (`type` Collection, `description` required; `id`, when given, must"
                    + " match the path). Needs files_upload or files_admin; the collection of a source type"
                    + " (`image`, `sar`, ...), where the worker catalogues uploaded files, only files_admin may create."
                    + " Its `extent` is never stored, and neither is the one a collection without an extent showed the"
                    + " writer when it comes back unchanged: either stays computed, as \"Get a collection\" describes.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"type\": \"Collection\", \"id\": \"sentinel-2-l2a\", \"description\": \"Sentinel-2 L2A scenes\","
                    + " \"license\": \"proprietary\", \"extent\": {\"spatial\": {\"bbox\": [[5.9, 45.8, 10.5, 47.8]]},"
                    + " \"temporal\": {\"interval\": [[\"2024-01-01T00:00:00Z\", null]]}}}"))
    @APIResponse(responseCode = "200", description = "Replaced; the collection", headers = @Header(name = HttpHeaders.ETAG, description = Preconditions.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "201", description = "Created; the collection, its URL in Location", headers = @Header(name = HttpHeaders.ETAG, description = Preconditions.ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "400", description = "description is required")
    @APIResponse(responseCode = "403", description = "Replacing: the collection " + CatalogOwnership.HOLDS_OTHER_OWNERS_FILE
            + ". Creating: the id is reserved for the catalog of uploaded files of a source type, which only files_admin"
            + " may create")
    @APIResponse(responseCode = "413", description = RequestSizeLimit.TOO_LARGE)
    @APIResponse(responseCode = "409", description = "The resource or its parent was changed by another request at the same time")
    @APIResponse(responseCode = "412", description = Preconditions.FAILED)
    public Response put(@Parameter(description = "Collection id", example = "sentinel-2-l2a") @PathParam("collectionId") String collectionId,
            @BeanParam Preconditions preconditions, JsonNode body, @Context UriInfo uriInfo) {
        Caller caller = Caller.of(identity);
        boolean created = catalog.put(caller, collectionId, CollectionWrite.from(collectionId, body), preconditions);
        StacUrls urls = StacUrls.of(uriInfo);
        // read back as stored, as a GET reads it, for the ETag a GET gives
        return documents.collection(catalog.require(collectionId), caller, urls).written(created, urls.collection(collectionId));
    }

    /** Deletes the collection with its items and assets: 204, or 404 when there is none. */
    @DELETE
    @Path("/{collectionId}")
    @RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
    @Operation(operationId = "deleteCollection", summary = "Delete a collection", description = "With its items and assets; uploads to them still in"
            + " progress are aborted. Needs files_upload or files_admin.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "The collection " + CatalogOwnership.HOLDS_OTHER_OWNERS_FILE)
    @APIResponse(responseCode = "404", description = "Collection not found")
    @APIResponse(responseCode = "412", description = Preconditions.FAILED)
    public void delete(@Parameter(description = "Collection id", example = "sentinel-2-l2a") @PathParam("collectionId") String collectionId,
            @BeanParam Preconditions preconditions) {
        catalog.delete(Caller.of(identity), collectionId, preconditions);
    }
}
