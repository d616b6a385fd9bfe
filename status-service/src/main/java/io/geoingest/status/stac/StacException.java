package io.geoingest.status.stac;

import jakarta.ws.rs.core.Response;

/**
 * A request the STAC API refuses, answered as {@code {"code": <status>, "description": "..."}}.
 * It is an answer to the client, not a fault of the server: no stack trace.
 */
public class StacException extends RuntimeException {
    private final Response.Status status;

    private StacException(Response.Status status, String description) {
        super(description, null, false, false);
        this.status = status;
    }

    public static StacException badRequest(String description) {
        return new StacException(Response.Status.BAD_REQUEST, description);
    }

    public static StacException notFound(String description) {
        return new StacException(Response.Status.NOT_FOUND, description);
    }

    public static StacException collectionNotFound() {
        return notFound("Collection not found");
    }

    public static StacException itemNotFound() {
        return notFound("Item not found");
    }

    public static StacException assetNotFound() {
        return notFound("Asset not found");
    }

    public static StacException conflict(String description) {
        return new StacException(Response.Status.CONFLICT, description);
    }

    public Response.Status status() {
        return status;
    }
}
