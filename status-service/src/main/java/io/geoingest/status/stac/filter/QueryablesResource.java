package io.geoingest.status.stac.filter;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.api.ApiDocumentation;
import io.geoingest.common.stac.StacPaths;
import io.geoingest.status.stac.StacApi;
import io.geoingest.status.stac.StacUrls;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /queryables}: what the filter of an item search may name. */
@Path(StacPaths.BASE_PATH + "/queryables")
@Tag(name = ApiDocumentation.STAC)
@PermitAll
@Produces({StacApi.JSON_SCHEMA, MediaType.APPLICATION_JSON})
public class QueryablesResource {

    @Inject
    Queryables queryables;

    @GET
    @Operation(operationId = "getQueryables", summary = "Queryables of item search",
            description = "The properties a `filter` may name, as a JSON Schema; any other property of the items may be"
                    + " named too (`additionalProperties`).")
    @APIResponse(responseCode = "200", description = "The queryables",
            content = @Content(mediaType = StacApi.JSON_SCHEMA, schema = @Schema(type = SchemaType.OBJECT),
                    example = Queryables.EXAMPLE))
    public ObjectNode queryables(@Context UriInfo uriInfo) {
        return queryables.document(StacUrls.of(uriInfo).queryables(), "Queryables of GeoIngest's item search");
    }
}
