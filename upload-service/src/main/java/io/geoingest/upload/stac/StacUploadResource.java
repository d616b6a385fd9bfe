package io.geoingest.upload.stac;

import io.geoingest.common.stac.CatalogOwnership;
import io.geoingest.common.api.ApiDocumentation;
import io.geoingest.common.auth.Caller;
import io.geoingest.common.auth.Permission;
import io.geoingest.common.error.ErrorResponses;
import io.geoingest.common.error.StacProblem;
import io.geoingest.common.stac.StacPaths;
import io.geoingest.common.text.WholeNumbers;
import io.geoingest.upload.chunked.UploadStatus;
import io.geoingest.upload.limits.RequestSizeLimits;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An asset's multipart uploads: started, completed and aborted by files_admin or files_upload,
 * read by anyone (see CredentialsFirst), as the contract has only its POSTs need authentication;
 * its recovery lists the uploads in progress to abort the one in the way.
 */
@Path(StacPaths.BASE_PATH + "/collections/{collection}/items/{item}/assets/{asset}/uploads")
@Tag(name = ApiDocumentation.STAC)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
public class StacUploadResource {
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final String UPLOAD_ETAG = "The upload's entity tag, for If-None-Match and If-Match";

    @Inject
    StacUploads uploads;

    @Inject
    SecurityIdentity identity;

    @Context
    UriInfo uriInfo;

    @Parameter(description = "Collection id", example = "sentinel-2-l2a")
    @PathParam("collection")
    String collection;

    @Parameter(description = "Item id", example = "S2B_32TLT_20240917")
    @PathParam("item")
    String item;

    @Parameter(description = "Asset id", example = "visual")
    @PathParam("asset")
    String asset;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "startAssetUpload", summary = "Start an asset upload",
            description = "A multipart upload of the asset's file straight to storage: one presigned PUT URL per part,"
                    + " each signed with the part's Content-MD5; the client then completes (or aborts) the upload.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewStacUpload.class),
            example = "{\"number_parts\": 2, \"md5_parts\": [{\"part_number\": 1, \"md5\": \"CY9rzUYh03PK3k6DJie09g==\"},"
                    + " {\"part_number\": 2, \"md5\": \"XUFAKrxLKna5cZ2REBfFkg==\"}],"
                    + " \"file:checksum\": \"1220e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"}"))
    @APIResponse(responseCode = "201", description = "Started; the upload with its part URLs, its URL in Location",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The upload's URL", schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StacUploadView.class)))
    // Both refusals, as a client must tell them apart: the spec has it abort the upload upload_id names and start again.
    @APIResponse(responseCode = "400", description = "The body must be a JSON object with number_parts, md5_parts and"
            + " file:checksum; or Upload already in progress: another upload of the asset, which upload_id names, is in progress",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiDocumentation.STAC_ERROR), examples = {
                    @ExampleObject(name = "invalid", value = "{\"code\": 400, \"description\": \"The body must be a JSON object"
                            + " with number_parts, md5_parts and file:checksum\"}"),
                    @ExampleObject(name = "alreadyInProgress", value = "{\"code\": 400, \"description\": \"Upload already in"
                            + " progress\", \"upload_id\": \"0f8e7d6c-5b4a-3921-8877-665544332211\"}")}))
    @APIResponse(responseCode = "403", description = "The asset " + CatalogOwnership.HOLDS_OTHER_OWNERS_FILE)
    @APIResponse(responseCode = "404", description = "Asset visual not found in item S2B_32TLT_20240917")
    @APIResponse(responseCode = "413", description = RequestSizeLimits.TOO_LARGE)
    public Response start(NewStacUpload request) {
        if (request == null) {
            throw StacProblem.badRequest("The body must be a JSON object with number_parts, md5_parts and file:checksum");
        }
        StacUploadView upload = uploads.start(Caller.of(identity), asset(), request);
        return Response.created(uriInfo.getAbsolutePathBuilder().path(upload.uploadId()).build()).entity(upload).build();
    }

    @GET
    @PermitAll
    @Operation(operationId = "listAssetUploads", summary = "List the asset's uploads", description = "Newest first, a page at a time (`next` link).")
    @APIResponse(responseCode = "200", description = "A page of uploads",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UploadList.class)))
    @APIResponse(responseCode = "400", description = "status must be in-progress, completed or aborted, got done")
    @APIResponse(responseCode = "404", description = "Asset visual not found in item S2B_32TLT_20240917")
    public UploadList list(
            @Parameter(description = "Only uploads in this status",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"in-progress", "completed", "aborted"}))
            @QueryParam("status") String status,
            @Parameter(description = "Page size, 1 to 1000 (default 100)") @QueryParam("limit") String limit,
            @Parameter(description = "From the `next` link of the previous page") @QueryParam("cursor") String cursor) {
        int pageSize = limit(limit);
        Caller caller = Caller.of(identity);
        List<StacUploadRow> rows = uploads.list(caller, asset(), status(status), Optional.ofNullable(cursor), pageSize + 1);
        List<StacUploadRow> page = rows.subList(0, Math.min(pageSize, rows.size()));
        List<Link> links = rows.size() > pageSize
                ? List.of(next(page.get(page.size() - 1).id()))
                : List.of();
        return new UploadList(page.stream().map(row -> uploads.view(row, caller)).toList(), links);
    }

    @GET
    @PermitAll
    @Path("{uploadId}")
    @Operation(operationId = "getAssetUpload", summary = "Get an upload", description = "Its status and part URLs; an upload that ended answers 304 to"
            + " If-None-Match with its ETag (one in progress is read whole, its part URLs signed anew).")
    @Parameter(name = HttpHeaders.IF_NONE_MATCH, in = ParameterIn.HEADER, schema = @Schema(type = SchemaType.STRING),
            description = "The ETag read before: an upload that ended and still has it answers 304")
    @Parameter(name = HttpHeaders.IF_MATCH, in = ParameterIn.HEADER, schema = @Schema(type = SchemaType.STRING),
            description = "The ETag read before: an upload that no longer has it answers 412")
    @APIResponse(responseCode = "200", description = "The upload",
            headers = @Header(name = HttpHeaders.ETAG, description = UPLOAD_ETAG, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StacUploadView.class)))
    @APIResponse(responseCode = "304", description = "An upload that ended, unchanged since the ETag given in If-None-Match",
            headers = @Header(name = HttpHeaders.ETAG, description = UPLOAD_ETAG, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "412", description = "The upload has changed since the ETag given in If-Match; read it again")
    @APIResponse(responseCode = "404", description = "Upload 0f8e7d6c not found")
    public Response get(@Parameter(description = "The upload id") @PathParam("uploadId") String uploadId,
            @Context Request request) {
        Caller caller = Caller.of(identity);
        StacUploadRow upload = uploads.find(caller, asset(), uploadId);
        EntityTag tag = new EntityTag(StacUploads.entityTag(upload));
        Response.ResponseBuilder precondition = request.evaluatePreconditions(tag);
        if (precondition != null) {
            Response answer = precondition.tag(tag).build();
            if (answer.getStatus() == Response.Status.PRECONDITION_FAILED.getStatusCode()) {
                // An If-Match that no longer holds: JAX-RS answers an empty 412, clients read the STAC error body.
                return Response.fromResponse(ErrorResponses.stac(Response.Status.PRECONDITION_FAILED,
                        "The upload has changed since the ETag given in If-Match; read it again")).tag(tag).build();
            }
            // in progress, its part URLs expire and are signed anew at each read: a client that keeps
            // a copy would be told to use URLs storage refuses by then
            if (upload.status() != UploadStatus.IN_PROGRESS) {
                return answer;
            }
        }
        return Response.ok(uploads.view(upload, caller)).tag(tag).build();
    }

    @GET
    @PermitAll
    @Path("{uploadId}/parts")
    @Operation(operationId = "getAssetUploadParts", summary = "Parts stored so far", description = "The parts storage has, with their ETags, for completing or resuming.")
    @APIResponse(responseCode = "200", description = "A page of parts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PartList.class)))
    @APIResponse(responseCode = "400", description = "cursor must be the cursor of a next link, got x")
    @APIResponse(responseCode = "404", description = "Upload 0f8e7d6c not found")
    public PartList parts(@Parameter(description = "The upload id") @PathParam("uploadId") String uploadId,
            @Parameter(description = "Page size, 1 to 1000 (default 100)") @QueryParam("limit") String limit,
            @Parameter(description = "From the `next` link of the previous page") @QueryParam("cursor") String cursor) {
        StacUploads.PartPage page = uploads.parts(Caller.of(identity), asset(), uploadId, partCursor(cursor), limit(limit));
        return new PartList(page.parts(), page.nextAfter().map(after -> List.of(next(after.toString()))).orElse(List.of()));
    }

    @POST
    @Path("{uploadId}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "completeAssetUpload", summary = "Complete an asset upload",
            description = "Assembles the parts (every part, with the ETag storage returned for it), records the file"
                    + " QUEUED for verification against file:checksum and links it to the asset.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CompleteStacUpload.class),
            example = "{\"parts\": [{\"part_number\": 1, \"etag\": \"\\\"098f6bcd4621d373cade4e832627b4f6\\\"\"},"
                    + " {\"part_number\": 2, \"etag\": \"\\\"5d41402abc4b2a76b9719d911017c592\\\"\"}]}"))
    @APIResponse(responseCode = "200", description = "Completed; the upload with its file id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StacUploadView.class)))
    @APIResponse(responseCode = "400", description = "parts has 1 parts but the upload has 2")
    @APIResponse(responseCode = "403", description = "Upload 0f8e7d6c " + StacUploads.STARTED_BY_ANOTHER_OWNER)
    @APIResponse(responseCode = "404", description = "Upload 0f8e7d6c not found")
    @APIResponse(responseCode = "409", description = "No upload in progress")
    @APIResponse(responseCode = "413", description = RequestSizeLimits.TOO_LARGE)
    public StacUploadView complete(@Parameter(description = "The upload id") @PathParam("uploadId") String uploadId,
            CompleteStacUpload request) {
        return uploads.complete(Caller.of(identity), asset(), uploadId, request);
    }

    @POST
    @Path("{uploadId}/abort")
    @Operation(operationId = "abortAssetUpload", summary = "Abort an asset upload", description = "Storage drops the parts (a removal that"
            + " storage fails is retried later, and the abort stands); the asset keeps its previous file.")
    @APIResponse(responseCode = "200", description = "Aborted; the upload",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StacUploadView.class)))
    @APIResponse(responseCode = "403", description = "Upload 0f8e7d6c " + StacUploads.STARTED_BY_ANOTHER_OWNER)
    @APIResponse(responseCode = "404", description = "Upload 0f8e7d6c not found")
    @APIResponse(responseCode = "409", description = "No upload in progress")
    public StacUploadView abort(@Parameter(description = "The upload id") @PathParam("uploadId") String uploadId) {
        return uploads.abort(Caller.of(identity), asset(), uploadId);
    }

    private AssetRef asset() {
        return new AssetRef(collection, item, asset);
    }

    private Link next(String cursor) {
        return new Link("next", uriInfo.getRequestUriBuilder().replaceQueryParam("cursor", cursor).build().toString());
    }

    private static Optional<UploadStatus> status(String status) {
        if (status == null || status.isBlank()) {
            return Optional.empty();
        }
        return Arrays.stream(UploadStatus.values())
                .filter(value -> value != UploadStatus.COMPLETING && value.value().equals(status))
                .findFirst()
                .map(Optional::of)
                .orElseThrow(() -> StacProblem.badRequest("status must be in-progress, completed or aborted, got " + status));
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        return (int) WholeNumbers.within(limit.trim(), 1, MAX_LIMIT).orElseThrow(() ->
                StacProblem.badRequest("limit must be a whole number between 1 and " + MAX_LIMIT + ", got " + limit));
    }

    private static int partCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        return (int) WholeNumbers.within(cursor.trim(), 0, Integer.MAX_VALUE).orElseThrow(() ->
                StacProblem.badRequest("cursor must be the cursor of a next link, got " + cursor));
    }
}
