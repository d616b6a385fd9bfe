package io.geoingest.status.download;

import io.geoingest.common.auth.Caller;
import io.geoingest.common.auth.Permission;
import io.geoingest.status.file.FileApiException;
import io.geoingest.status.file.VisibleFiles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;

/** A presigned download URL for a file, as plain text (spec section 3); errors are JSON. */
@Path("/public/file/download/url")
@RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
public class DownloadUrlResource {

    @Inject
    VisibleFiles files;

    @Inject
    DownloadUrls downloads;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String url(@QueryParam("fileId") String fileId,
            @QueryParam("useDefaultContentType") String useDefaultContentType) {
        if (fileId == null || fileId.isBlank()) {
            throw FileApiException.badRequest("fileId is required");
        }
        boolean useDefault = parseFlag(useDefaultContentType);
        return downloads.forFile(files.require(fileId, Caller.of(identity)), useDefault).toString();
    }

    /** Absent or blank means false; anything but true or false is a mistake worth telling the client. */
    private static boolean parseFlag(String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw FileApiException.badRequest("useDefaultContentType must be true or false");
        };
    }
}
