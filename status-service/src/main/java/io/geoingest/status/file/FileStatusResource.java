package io.geoingest.status.file;

import io.geoingest.common.auth.Caller;
import io.geoingest.common.auth.Permission;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A file's status (spec section 2). */
@Path("/public/file/status")
@RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
public class FileStatusResource {

    @Inject
    VisibleFiles files;

    @Inject
    SecurityIdentity identity;

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public FileStatusView status(@PathParam("id") String id) {
        return FileStatusView.of(files.require(id, Caller.of(identity)));
    }
}
