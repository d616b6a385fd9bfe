package io.geoingest.status.download;

import io.geoingest.common.Uuids;
import io.geoingest.common.api.ApiDocumentation;
import io.geoingest.common.auth.Caller;
import io.geoingest.common.auth.Permission;
import io.geoingest.common.error.FileApiProblem;
import io.geoingest.common.logging.FileLogContext;
import io.geoingest.status.file.VisibleFiles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A presigned download URL for a file, as plain text (spec section 3); errors are JSON. */
@Path("/public/file/download/url")
@Tag(name = ApiDocumentation.FILES)
@RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
public class DownloadUrlResource {

    @Inject
    VisibleFiles files;

    @Inject
    DownloadUrls downloads;

    @Inject
    SecurityIdentity identity;

    /**
     * The URL is text/plain whatever the request's Accept header asks for (RFC 9110 12.5.1 lets a
     * server disregard it): a client sending only {@code Accept: application/json} would otherwise
     * get 406 instead of the URL the spec promises. So no {@code @Produces}, which would make Quarkus
     * refuse it before this method runs, and the type is set on the answer.
     */
    @GET
    @Operation(operationId = "getDownloadUrl", summary = "Download URL of a file",
            description = "A presigned GET URL of the stored file, valid for geoingest.download.url-validity (24 h by"
                    + " default), as plain text. The download carries the file's original name.")
    @APIResponse(responseCode = "200", description = "The presigned URL",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING, format = "uri"),
                    example = "https://storage.example.com/geoingest/files/8a5f.../scene.tif?X-Amz-Algorithm=AWS4-HMAC-SHA256&..."))
    @APIResponse(responseCode = "400", description = "Bad Request: fileId is required, or useDefaultContentType is neither true nor false")
    @APIResponse(responseCode = "404", description = "File not found")
    @APIResponse(responseCode = "409", description = "File is not ready for download: status QUEUED")
    public Response url(
            @Parameter(description = "The file id (a UUID)", required = true,
                    example = "8a5f3c1e-2b4d-4e6f-9a0b-1c2d3e4f5a6b") @QueryParam("fileId") String fileId,
            @Parameter(description = "true: download as application/octet-stream instead of the file's detected media"
                    + " type", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
            @QueryParam("useDefaultContentType") String useDefaultContentType) {
        if (fileId == null || fileId.isBlank()) {
            throw FileApiProblem.badRequest("Bad Request: fileId is required");
        }
        boolean useDefault = parseFlag(useDefaultContentType);
        UUID id = Uuids.parse(fileId).orElseThrow(FileApiProblem::fileNotFound);
        try (FileLogContext file = FileLogContext.forRequest(id)) {
            String url = downloads.forFile(files.require(id, Caller.of(identity)), useDefault).toString();
            return Response.ok(url, MediaType.TEXT_PLAIN_TYPE).build();
        }
    }

    /** Absent or blank means false; anything but true or false is a mistake worth telling the client. */
    private static boolean parseFlag(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw FileApiProblem.badRequest("Bad Request: useDefaultContentType must be true or false");
        };
    }
}
