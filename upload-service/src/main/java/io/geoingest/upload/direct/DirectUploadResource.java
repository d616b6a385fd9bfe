package io.geoingest.upload.direct;

import io.geoingest.common.auth.Caller;
import io.geoingest.common.auth.Permission;
import io.geoingest.upload.files.RequestValues;
import io.geoingest.upload.files.TemporaryUploads;
import io.geoingest.upload.files.UploadedFile;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The direct upload (Type 1): one multipart request carries the whole file. */
@Path("/public/file")
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
     */
    @POST
    @Path("/upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public UploadedFile upload(@RestForm("file") FileUpload file,
            @RestForm("sourceType") String sourceTypeForm, @RestQuery("sourceType") String sourceTypeQuery,
            @RestForm("fileSize") String fileSizeForm, @RestQuery("fileSize") String fileSizeQuery) {
        try {
            return uploads.upload(Caller.of(identity), DirectUpload.of(file,
                    RequestValues.firstGiven(sourceTypeForm, sourceTypeQuery),
                    RequestValues.firstGiven(fileSizeForm, fileSizeQuery)));
        } finally {
            TemporaryUploads.delete(file);
        }
    }
}
