package io.geoingest.upload.auth;

import io.geoingest.common.Uuids;
import io.geoingest.common.api.ApiDocumentation;
import io.geoingest.common.auth.ApiKeyService;
import io.geoingest.common.auth.CreatedApiKey;
import io.geoingest.common.auth.Permission;
import io.geoingest.common.error.ErrorResponses;
import io.geoingest.common.text.Storable;
import io.geoingest.upload.limits.RequestSizeLimits;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Creating and revoking API keys: files_admin only. */
@Path("/public/auth/api-keys")
@Tag(name = ApiDocumentation.API_KEYS)
@RolesAllowed(Permission.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {
    /** In Unicode code points: room for any name or e-mail address, not for a document. */
    static final int MAX_OWNER_LENGTH = 255;

    /** What a caller asks for: the owner the key acts as, and its permissions. */
    public record NewApiKey(String owner, List<String> permissions) {
    }

    @Inject
    ApiKeyService apiKeys;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createApiKey", summary = "Create an API key",
            description = "A key acting as `owner` with the given permissions (files_admin sees and manages everything,"
                    + " files_upload uploads and sees its owner's files). The key is in the answer only: store it.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewApiKey.class),
            example = "{\"owner\": \"alice\", \"permissions\": [\"files_upload\"]}"))
    @APIResponse(responseCode = "201", description = "The key, shown once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CreatedApiKey.class)))
    @APIResponse(responseCode = "400", description = "owner is required: at most " + MAX_OWNER_LENGTH
            + " characters, without control, line-separator or text-direction characters; permissions is required: one or more of files_admin, files_upload")
    @APIResponse(responseCode = "413", description = RequestSizeLimits.TOO_LARGE)
    public Response create(NewApiKey request) {
        if (request == null || request.owner() == null || request.owner().isBlank()) {
            return ErrorResponses.giq(Response.Status.BAD_REQUEST, "owner is required");
        }
        Optional<String> unfitOwner = whyUnfit(request.owner());
        if (unfitOwner.isPresent()) {
            return ErrorResponses.giq(Response.Status.BAD_REQUEST, unfitOwner.get());
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

    /**
     * Why {@code owner}, as sent, cannot name the owner of every file the key uploads, if it cannot:
     * it is shown in answers and written in logs, where such a character could break or forge a
     * line, so one is refused even where trimming the owner would drop it unseen. The length is
     * that of the owner kept, without the spaces around it.
     */
    private static Optional<String> whyUnfit(String owner) {
        Optional<Integer> control = owner.codePoints().filter(Storable::breaksOrReordersLine).boxed().findFirst();
        if (control.isPresent()) {
            return Optional.of(String.format(
                    "owner must not contain control, line-separator or text-direction characters, and holds U+%04X", control.get()));
        }
        String kept = owner.trim();
        int length = kept.codePointCount(0, kept.length());
        if (length > MAX_OWNER_LENGTH) {
            return Optional.of("owner must be at most " + MAX_OWNER_LENGTH + " characters long, and has " + length);
        }
        return Optional.empty();
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key", description = "The key stops working at once.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "API key not found")
    @APIResponse(responseCode = "413", description = RequestSizeLimits.TOO_LARGE)
    public Response revoke(@Parameter(description = "The key's id (from its creation)") @PathParam("id") String id) {
        Optional<UUID> keyId = Uuids.parse(id);
        if (keyId.isEmpty() || !apiKeys.revoke(keyId.get())) {
            return ErrorResponses.giq(Response.Status.NOT_FOUND, "API key not found");
        }
        return Response.noContent().build();
    }
}
