package io.geoingest.upload.stac;

import io.geoingest.common.error.StacError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A STAC request that ends with the STAC error body {@code {"code", "description"}}. */
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

    public static StacProblem notFound(String description) {
        return new StacProblem(Response.Status.NOT_FOUND, description, Optional.empty());
    }

    public static StacProblem conflict(String description) {
        return new StacProblem(Response.Status.CONFLICT, description, Optional.empty());
    }

    /** A second upload of an asset: the client learns which upload to finish or abort. */
    public static StacProblem alreadyInProgress(String currentUploadId) {
        return new StacProblem(Response.Status.BAD_REQUEST, "Upload already in progress", Optional.of(currentUploadId));
    }

    public static class Mapper {
        @ServerExceptionMapper
        public Response map(StacProblem problem) {
            return Response.status(problem.status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new StacError(problem.status.getStatusCode(), problem.getMessage(),
                            problem.uploadId.orElse(null)))
                    .build();
        }
    }
}
