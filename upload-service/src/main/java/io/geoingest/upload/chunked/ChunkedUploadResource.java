package io.geoingest.upload.chunked;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.common.api.ApiDocumentation;
import io.geoingest.common.auth.Caller;
import io.geoingest.common.auth.Permission;
import io.geoingest.common.error.FileApiProblem;
import io.geoingest.common.file.SourceType;
import io.geoingest.upload.files.RequestValues;
import io.geoingest.upload.files.Spool;
import io.geoingest.upload.files.UploadedFile;
import io.geoingest.upload.limits.RequestSizeLimits;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
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
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** The chunked upload (Type 2): generateUploadId, uploadChunk, completeUpload, and resume and abort. */
@Path("/public/file")
@Tag(name = ApiDocumentation.FILES)
@RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
@Produces(MediaType.APPLICATION_JSON)
public class ChunkedUploadResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    ChunkedUploads uploads;

    @Inject
    ChunkReceiver receiver;

    @Inject
    UploadCompletion completion;

    @POST
    @Path("/generateUploadId")
    @Operation(operationId = "generateUploadId", summary = "Start a chunked upload (Type 2)",
            description = "Returns the upload id and the key the chunks and the completion must name. fileName is a"
                    + " query parameter or a form field.")
    @APIResponse(responseCode = "200", description = "The upload is started",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UploadStarted.class)))
    @APIResponse(responseCode = "400", description = "Bad Request: fileName is required; or is longer than 1024"
            + " characters; or is given more than once, in the query or in the form, or in both with different values;"
            + " or the form cannot be read (a multipart/form-data body without a boundary, cut short, of more than 32"
            + " parts or with more than one file; a field or a URL-encoded form over 64 KiB)")
    @APIResponse(responseCode = "413", description = RequestSizeLimits.TOO_LARGE)
    @APIResponse(responseCode = "500", description = "Failed to generate upload ID")
    public UploadStarted generateUploadId(@Parameter(hidden = true) @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "The file's name", example = "scene.tif") @RestQuery(StartForm.FILE_NAME) String fileNameQuery,
            @RequestBody(required = false, content = {
                    @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED, schema = @Schema(type = SchemaType.OBJECT,
                            properties = @SchemaProperty(name = StartForm.FILE_NAME, type = SchemaType.STRING))),
                    @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(type = SchemaType.OBJECT,
                            properties = @SchemaProperty(name = StartForm.FILE_NAME, type = SchemaType.STRING)))})
            InputStream body) {
        String fileNameForm = StartForm.fileName(contentType, body).orElse(null);
        String fileName = RequestValues.originalName(RequestValues.formOrQuery(StartForm.FILE_NAME, fileNameForm, fileNameQuery).orElse(null))
                .orElseThrow(() -> FileApiProblem.badRequest("Bad Request: fileName is required"));
        return FileApiProblem.failingAs("Failed to generate upload ID", () -> uploads.start(Caller.of(identity), fileName));
    }

    /** The fields may also be query parameters; the body is taken as a stream and read by {@link ChunkReceiver}. */
    @POST
    @Path("/uploadChunk")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(operationId = "uploadChunk", summary = "Upload one chunk",
            description = "Part `partNumber` (1 to 10000) of the upload, of any size up to 5 GiB: chunks of 5 MiB or"
                    + " more become storage parts as they are, smaller ones are merged at completion. Sending a part"
                    + " again replaces it. uploadId, key and partNumber are form fields or query parameters.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(type = SchemaType.OBJECT, requiredProperties = "file", properties = {
                    @SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary", description = "The chunk's bytes"),
                    @SchemaProperty(name = "uploadId", type = SchemaType.STRING),
                    @SchemaProperty(name = "key", type = SchemaType.STRING),
                    @SchemaProperty(name = "partNumber", type = SchemaType.INTEGER, minimum = "1", maximum = "10000")})))
    @APIResponse(responseCode = "200", description = "The chunk is stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChunkStored.class)))
    @APIResponse(responseCode = "400", description = "Bad Request: partNumber is required (1 to 10000)")
    @APIResponse(responseCode = "404", description = "Upload not found")
    @APIResponse(responseCode = "409", description = "Upload is not in progress")
    @APIResponse(responseCode = "413", description = "The chunk is larger than the chunk limit")
    @APIResponse(responseCode = "503", description = Spool.FULL)
    @APIResponse(responseCode = "500", description = "Failed to upload chunk")
    public ChunkStored uploadChunk(@Parameter(hidden = true) @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "The upload id from generateUploadId", example = "0f8e7d6c-5b4a-3921-8877-665544332211") @RestQuery(ChunkRequest.UPLOAD_ID) String uploadId,
            @Parameter(description = "The upload's key from generateUploadId") @RestQuery(ChunkRequest.KEY) String key,
            @Parameter(description = "1 to 10000", example = "1") @RestQuery(ChunkRequest.PART_NUMBER) String partNumber,
            InputStream body) {
        return receiver.receive(Caller.of(identity), contentType, body, uploadId, key, partNumber);
    }

    @GET
    @Path("/upload/{uploadId}/parts")
    @Operation(operationId = "getUploadParts", summary = "Parts received so far",
            description = "For resuming an interrupted upload: the parts the server has, with their sizes.")
    @APIResponse(responseCode = "200", description = "The upload and its parts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UploadParts.class)))
    @APIResponse(responseCode = "404", description = "Upload not found")
    public UploadParts parts(@Parameter(description = "The upload id from generateUploadId", example = "0f8e7d6c-5b4a-3921-8877-665544332211") @RestPath String uploadId) {
        return uploads.parts(Caller.of(identity), uploadId);
    }

    @DELETE
    @Path("/upload/{uploadId}")
    @Operation(operationId = "abortUpload", summary = "Abort a chunked upload", description = "Removes what the upload stored; a removal that"
            + " storage fails is retried by the sweep of abandoned uploads, and the abort stands.")
    @APIResponse(responseCode = "204", description = "Aborted")
    @APIResponse(responseCode = "404", description = "Upload not found")
    @APIResponse(responseCode = "409", description = "Upload is not in progress")
    public void abort(@Parameter(description = "The upload id from generateUploadId", example = "0f8e7d6c-5b4a-3921-8877-665544332211") @RestPath String uploadId) {
        uploads.abort(Caller.of(identity), uploadId);
    }

    @POST
    @Path("/completeUpload")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "completeUpload", summary = "Complete a chunked upload",
            description = "Assembles the parts into the file, records it QUEUED and announces it to the workers."
                    + " fileSize must be the sum of the parts.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            // what Completion takes, field by field: CompleteUploadRequest's JSON nodes would document Jackson's classes
            schema = @Schema(type = SchemaType.OBJECT,
                    requiredProperties = {"uploadId", "key", "fileSize"}, properties = {
                            @SchemaProperty(name = "uploadId", type = SchemaType.STRING,
                                    description = "The upload id from generateUploadId"),
                            @SchemaProperty(name = "key", type = SchemaType.STRING, description = "The key from generateUploadId"),
                            @SchemaProperty(name = "fileSize", type = SchemaType.INTEGER, format = "int64", minimum = "0",
                                    description = "The file's total size in bytes: the sum of the parts' sizes"),
                            @SchemaProperty(name = "sourceType", implementation = SourceType.class,
                                    description = "The type of source, in any case (default UNKNOWN)"),
                            @SchemaProperty(name = "vectorMappingProperties", type = SchemaType.OBJECT,
                                    description = "Optional vector mapping properties for the file"),
                            @SchemaProperty(name = "layerProperties", type = SchemaType.OBJECT,
                                    description = "Optional layer-specific properties"),
                            @SchemaProperty(name = "geometry", oneOf = {JsonNode.class, String.class},
                                    description = "Optional: a GeoJSON geometry in WGS 84 longitude/latitude, as an object"
                                            + " or a string that holds one, or well-known text such as POINT (55.27 25.2)"),
                            @SchemaProperty(name = "acquisitionDate", type = SchemaType.STRING, format = "date-time",
                                    description = "Optional: an ISO-8601 date-time (UTC when it names no offset) or date;"
                                            + " milliseconds since 1970-01-01T00:00:00Z are taken too")}),
            example = "{\"uploadId\": \"0f8e7d6c-5b4a-3921-8877-665544332211\", \"key\": \"uploads/0f8e7d6c-5b4a-3921-8877-665544332211/scene.tif\","
                    + " \"fileSize\": 1073741824, \"sourceType\": \"MULTISPECTRAL\"}"))
    @APIResponse(responseCode = "200", description = "The file is recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UploadedFile.class),
                    example = "{\"fileId\": \"8a5f3c1e-2b4d-4e6f-9a0b-1c2d3e4f5a6b\", \"originalName\": \"scene.tif\","
                            + " \"createdAt\": \"2024-09-17T10:30:00.123Z\", \"size\": 1073741824}"))
    @APIResponse(responseCode = "400", description = "Bad Request: fileSize is required: the total size of the file in bytes")
    @APIResponse(responseCode = "404", description = "Upload not found")
    @APIResponse(responseCode = "409", description = "Upload is not in progress")
    @APIResponse(responseCode = "413", description = RequestSizeLimits.TOO_LARGE)
    @APIResponse(responseCode = "500", description = "Failed to complete upload")
    public UploadedFile completeUpload(CompleteUploadRequest request) {
        Completion checked = Completion.of(request);
        return FileApiProblem.failingAs("Failed to complete upload", () -> completion.complete(Caller.of(identity), checked));
    }
}
