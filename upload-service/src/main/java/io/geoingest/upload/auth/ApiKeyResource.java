package io.geoingest.upload.auth;

import io.geoingest.common.Uuids;
import io.geoingest.common.auth.ApiKeyService;
import io.geoingest.common.auth.CreatedApiKey;
import io.geoingest.common.auth.Permission;
import io.geoingest.common.error.ErrorResponses;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Creating and revoking API keys: files_admin only. */
@Path("/public/auth/api-keys")
@RolesAllowed(Permission.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    /** What a caller asks for: the owner the key acts as, and its permissions. */
    public record NewApiKey(String owner, List<String> permissions) {
    }

    @Inject
    ApiKeyService apiKeys;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewApiKey request) {
        if (request == null || request.owner() == null || request.owner().isBlank()) {
            return ErrorResponses.giq(Response.Status.BAD_REQUEST, "owner is required");
        }
        if (request.permissions() == null || request.permissions().isEmpty()) {
            return ErrorResponses.giq(Response.Status.BAD_REQUEST,
                    "permissions is required: one or more of files_admin, files_upload");
        }
        List<Permission> permissions = new ArrayList<>();
        for (String name : request.permissions()) {
            Optional<Permission> permission = Permission.parse(name);
            if (permission.isEmpty()) {
                return ErrorResponses.giq(Response.Status.BAD_REQUEST,
                        "unknown permission '" + name + "': allowed are files_admin, files_upload");
            }
            permissions.add(permission.get());
        }
        CreatedApiKey created = apiKeys.create(request.owner().trim(), permissions);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @DELETE
    @Path("/{id}")
    public Response revoke(@PathParam("id") String id) {
        Optional<UUID> keyId = Uuids.parse(id);
        if (keyId.isEmpty() || !apiKeys.revoke(keyId.get())) {
            return ErrorResponses.giq(Response.Status.NOT_FOUND, "API key not found");
        }
        return Response.noContent().build();
    }
}
