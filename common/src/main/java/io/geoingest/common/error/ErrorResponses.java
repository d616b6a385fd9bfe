package io.geoingest.common.error;

import io.geoingest.common.stac.StacPaths;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Builds error responses in the format of the API a path belongs to: STAC paths answer
 * {@code {"code", "description"}}, every other path the gIQ {@code {"error"}} body.
 */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static Response forPath(String path, Response.StatusType status, String giqMessage, String stacDescription) {
        Object body = StacPaths.isStacPath(path)
                ? new StacError(status.getStatusCode(), stacDescription)
                : new ApiError(giqMessage);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    public static Response giq(Response.StatusType status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(message)).build();
    }

    public static Response stac(Response.StatusType status, String description) {
        return stac(status, new StacError(status.getStatusCode(), description));
    }

    public static Response stac(Response.StatusType status, StacError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
