package io.geoingest.status.stac.filter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.api.ApiDocumentation;
import io.geoingest.common.auth.Caller;
import io.geoingest.common.error.StacProblem;
import io.geoingest.common.stac.StacCollection;
import io.geoingest.common.stac.StacPaths;
import io.geoingest.status.stac.StacApi;
import io.geoingest.status.stac.StacUrls;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /collections/{collectionId}/queryables}: what the filter of a collection's items may
 * name. A class of its own: a path below {@code /collections} is matched to the resource whose
 * own path is the longest match.
 */
@Path(StacPaths.BASE_PATH + "/collections/{collectionId}/queryables")
@Tag(name = ApiDocumentation.STAC)
@PermitAll
@Produces({StacApi.JSON_SCHEMA, MediaType.APPLICATION_JSON})
public class CollectionQueryablesResource {

    @Inject
    Queryables queryables;

    @Inject
    SecurityIdentity identity;

    @GET
    @Operation(operationId = "getCollectionQueryables", summary = "Queryables of a collection's items",
            description = "The properties a `filter` on the collection's items may name, as a JSON Schema: those of"
                    + " item search, and the properties a sample of the collection's items (up to 500 the caller may read)"
                    + " have, with their JSON types; any other property may be named too (`additionalProperties`).")
    @APIResponse(responseCode = "200", description = "The queryables",
            content = @Content(mediaType = StacApi.JSON_SCHEMA, schema = @Schema(type = SchemaType.OBJECT),
                    example = Queryables.EXAMPLE))
    @APIResponse(responseCode = "404", description = "Collection not found")
    public ObjectNode queryables(
            @Parameter(description = "Collection id", example = "sar") @PathParam("collectionId") String collectionId,
            @Context UriInfo uriInfo) {
        if (StacCollection.findById(collectionId) == null) {
            throw StacProblem.collectionNotFound();
        }
        return queryables.ofCollection(StacUrls.of(uriInfo).queryables(collectionId), collectionId,
                Caller.of(identity));
    }
}
