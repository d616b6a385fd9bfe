package io.geoingest.upload.direct;

import io.geoingest.common.auth.Caller;
import io.geoingest.common.auth.Permission;
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
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The direct upload (Type 1): one multipart request carries the whole file. The body is taken as
 * a stream and read by {@link DirectUploads}, so that the file goes to storage as it arrives.
 */
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
     * {@code sourceType} and {@code fileSize} may also be form fields, which win.
     */
    @POST
    @Path("/upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public UploadedFile upload(@RestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @RestQuery(DirectUpload.SOURCE_TYPE) String sourceType, @RestQuery(DirectUpload.FILE_SIZE) String fileSize,
            InputStream body) {
        return uploads.upload(Caller.of(identity), contentType, body, sourceType, fileSize);
    }
}
