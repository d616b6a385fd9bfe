package io.geoingest.upload.chunked;

import io.geoingest.common.auth.Caller;
import io.geoingest.common.auth.Permission;
import io.geoingest.upload.ApiProblem;
import io.geoingest.upload.files.RequestValues;
import io.geoingest.upload.files.UploadedFile;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** The chunked upload (Type 2): generateUploadId, uploadChunk, completeUpload, and resume and abort. */
@Path("/public/file")
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
    public UploadStarted generateUploadId(@RestQuery("fileName") String fileNameQuery, @RestForm("fileName") String fileNameForm) {
        String fileName = RequestValues.originalName(RequestValues.firstGiven(fileNameForm, fileNameQuery).orElse(null))
                .orElseThrow(() -> ApiProblem.badRequest("Bad Request: fileName is required"));
        return ApiProblem.failingAs("Failed to generate upload ID", () -> uploads.start(Caller.of(identity), fileName));
    }

    /** The fields may also be query parameters; the body is taken as a stream and read by {@link ChunkReceiver}. */
    @POST
    @Path("/uploadChunk")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public ChunkStored uploadChunk(@RestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @RestQuery(ChunkRequest.UPLOAD_ID) String uploadId, @RestQuery(ChunkRequest.KEY) String key,
            @RestQuery(ChunkRequest.PART_NUMBER) String partNumber, InputStream body) {
        return receiver.receive(Caller.of(identity), contentType, body, uploadId, key, partNumber);
    }

    @GET
    @Path("/upload/{uploadId}/parts")
    public UploadParts parts(@RestPath String uploadId) {
        return uploads.parts(Caller.of(identity), uploadId);
    }

    @DELETE
    @Path("/upload/{uploadId}")
    public void abort(@RestPath String uploadId) {
        uploads.abort(Caller.of(identity), uploadId);
    }

    @POST
    @Path("/completeUpload")
    @Consumes(MediaType.APPLICATION_JSON)
    public UploadedFile completeUpload(CompleteUploadRequest request) {
        Completion checked = Completion.of(request);
        return ApiProblem.failingAs("Failed to complete upload", () -> completion.complete(Caller.of(identity), checked));
    }
}
