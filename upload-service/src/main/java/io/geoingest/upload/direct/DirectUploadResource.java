package io.geoingest.upload.direct;

import io.geoingest.common.api.ApiDocumentation;
import io.geoingest.common.auth.Caller;
import io.geoingest.common.auth.Permission;
import io.geoingest.common.file.SourceType;
import io.geoingest.upload.files.UploadedFile;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.OptionalLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The direct upload (Type 1): one multipart request carries the whole file. The body is taken as
 * a stream and read by {@link DirectUploads}, so that the file goes to storage as it arrives.
 */
@Path("/public/file")
@Tag(name = ApiDocumentation.FILES)
@RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
@Produces(MediaType.APPLICATION_JSON)
public class DirectUploadResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    DirectUploads uploads;

    /**
     * {@code fileSize}, beyond the spec, is the size the client expects: it is recorded as the
     * file's size, and the processing worker fails the file when the stored bytes differ.
     * {@code sourceType} and {@code fileSize} may also be form fields, or both when they agree.
     */
    @POST
    @Path("/upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "uploadFile", summary = "Upload a file (Type 1, up to 100 MiB)",
            description = "One multipart request: the file goes to storage as it arrives, is recorded QUEUED and is"
                    + " announced to the workers. sourceType and fileSize may be query parameters or form fields (both"
                    + " when they agree); a fileSize that differs from the stored bytes fails the file in processing.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(type = SchemaType.OBJECT, requiredProperties = "file", properties = {
                    @SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary"),
                    @SchemaProperty(name = "sourceType", implementation = SourceType.class),
                    @SchemaProperty(name = "fileSize", type = SchemaType.INTEGER, format = "int64", minimum = "0")})))
    @APIResponse(responseCode = "200", description = "The file is stored and recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UploadedFile.class),
                    example = "{\"fileId\": \"8a5f3c1e-2b4d-4e6f-9a0b-1c2d3e4f5a6b\", \"originalName\": \"scene.tif\","
                            + " \"createdAt\": \"2024-09-17T10:30:00.123Z\", \"size\": 2048}"))
    @APIResponse(responseCode = "400", description = "Bad Request: file is required")
    @APIResponse(responseCode = "413", description = "The file is too large: a direct upload may be at most 100 MiB"
            + " (104857600 bytes); upload larger files in chunks (generateUploadId, uploadChunk, completeUpload)")
    @APIResponse(responseCode = "503", description = "Service Unavailable: too many uploads at once; try again after"
            + " the seconds Retry-After names")
    public UploadedFile upload(@Parameter(hidden = true) @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(hidden = true) @RestHeader(HttpHeaders.CONTENT_LENGTH) Long contentLength,
            @Parameter(description = "Declared source type (default UNKNOWN), in any case", example = "MULTISPECTRAL",
                    schema = @Schema(implementation = SourceType.class)) @RestQuery(DirectUpload.SOURCE_TYPE) String sourceType,
            @Parameter(description = "Expected size in bytes, checked by the worker",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0")) @RestQuery(DirectUpload.FILE_SIZE)
            String fileSize,
            InputStream body) {
        OptionalLong bodyLength = contentLength == null ? OptionalLong.empty() : OptionalLong.of(contentLength);
        return uploads.upload(Caller.of(identity), contentType, bodyLength, body, sourceType, fileSize);
    }
}
