package io.geoingest.common.error;

import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * A request the STAC API refuses, answered as {@code {"code": <status>, "description": "..."}}
 * (with {@code upload_id} when a second upload of an asset is refused). An answer to the client,
 * not a fault of the server: no stack trace.
 */
public class StacProblem extends RuntimeException {
    private final Response.Status status;
    private final Optional<String> uploadId;

    private StacProblem(Response.Status status, String description, Optional<String> uploadId) {
        super(description, null, false, false);
        this.status = status;
        this.uploadId = uploadId;
    }

    public static StacProblem badRequest(String description) {
        return new StacProblem(Response.Status.BAD_REQUEST, description, Optional.empty());
    }

    public static StacProblem forbidden(String description) {
        return new StacProblem(Response.Status.FORBIDDEN, description, Optional.empty());
    }

    public static StacProblem notFound(String description) {
        return new StacProblem(Response.Status.NOT_FOUND, description, Optional.empty());
    }

    public static StacProblem collectionNotFound() {
        return notFound("Collection not found");
    }

    public static StacProblem itemNotFound() {
        return notFound("Item not found");
    }

    public static StacProblem assetNotFound() {
        return notFound("Asset not found");
    }

    public static StacProblem conflict(String description) {
        return new StacProblem(Response.Status.CONFLICT, description, Optional.empty());
    }

    /** A condition of the request (If-Match, If-None-Match) is false: nothing was done. */
    public static StacProblem preconditionFailed(String description) {
        return new StacProblem(Response.Status.PRECONDITION_FAILED, description, Optional.empty());
    }

    /** A second upload of an asset: the client learns which upload to finish or abort. */
    public static StacProblem alreadyInProgress(String currentUploadId) {
        return new StacProblem(Response.Status.BAD_REQUEST, "Upload already in progress", Optional.of(currentUploadId));
    }

    public Response.Status status() {
        return status;
    }

    public StacError body() {
        return new StacError(status.getStatusCode(), getMessage(), uploadId.orElse(null));
    }
}
