package io.geoingest.status.file;

import io.geoingest.common.Uuids;
import io.geoingest.common.api.ApiDocumentation;
import io.geoingest.common.auth.Caller;
import io.geoingest.common.auth.Permission;
import io.geoingest.common.error.FileApiProblem;
import io.geoingest.common.logging.FileLogContext;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A file's status (spec section 2). */
@Path("/public/file/status")
@Tag(name = ApiDocumentation.FILES)
@RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
public class FileStatusResource {

    @Inject
    VisibleFiles files;

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getFileStatus", summary = "Status of a file",
            description = "The file's processing status (QUEUED, IN_PROGRESS, COMPLETED, FAILED) with what the worker"
                    + " found: size, source type, media type, checksum (sha2-256 multihash) and metadata; `error` gives"
                    + " the reason of a FAILED file. `createdAt` and `updatedAt` are epoch milliseconds.")
    @APIResponse(responseCode = "200", description = "The file's status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FileStatusView.class),
                    example = "{\"id\": \"8a5f3c1e-2b4d-4e6f-9a0b-1c2d3e4f5a6b\", \"originalName\": \"scene.tif\","
                            + " \"status\": \"COMPLETED\", \"createdAt\": 1706610323613, \"updatedAt\": 1706610325001,"
                            + " \"size\": 2048, \"sourceType\": \"MULTISPECTRAL\", \"contentType\": \"image/tiff\","
                            + " \"checksum\": \"1220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"}"))
    @APIResponse(responseCode = "404", description = "File not found")
    public FileStatusView status(
            @Parameter(description = "The file id returned by the upload (a UUID)",
                    example = "8a5f3c1e-2b4d-4e6f-9a0b-1c2d3e4f5a6b") @PathParam("id") String id) {
        UUID fileId = Uuids.parse(id).orElseThrow(FileApiProblem::fileNotFound);
        try (FileLogContext file = FileLogContext.forRequest(fileId)) {
            return FileStatusView.of(files.require(fileId, Caller.of(identity)));
        }
    }
}
