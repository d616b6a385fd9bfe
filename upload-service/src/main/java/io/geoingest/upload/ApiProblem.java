package io.geoingest.upload;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A request that ends with an error body of the gIQ API: a client mistake (4xx) with a message
 * that says what to fix, or a server failure (5xx) with the spec's message, logged where it
 * happened.
 */
public class ApiProblem extends RuntimeException {
    private static final Logger LOG = Logger.getLogger(ApiProblem.class);
    private final Response.Status status;

    public ApiProblem(Response.Status status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static ApiProblem badRequest(String message) {
        return new ApiProblem(Response.Status.BAD_REQUEST, message);
    }

    public static ApiProblem notFound(String message) {
        return new ApiProblem(Response.Status.NOT_FOUND, message);
    }

    public static ApiProblem conflict(String message) {
        return new ApiProblem(Response.Status.CONFLICT, message);
    }

    public static ApiProblem tooLarge(String message) {
        return new ApiProblem(Response.Status.REQUEST_ENTITY_TOO_LARGE, message);
    }

    public static ApiProblem serverFailure(String message) {
        return new ApiProblem(Response.Status.INTERNAL_SERVER_ERROR, message);
    }

    /**
     * Runs a call whose unexpected failures the spec answers with a message of its own
     * ("Failed to upload chunk"): a failure nobody handled is logged and answered with it.
     */
    public static <T> T failingAs(String message, Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiProblem | WebApplicationException answered) {
            throw answered;
        } catch (RuntimeException e) {
            LOG.error(message, e);
            throw serverFailure(message);
        }
    }

    public Response.Status status() {
        return status;
    }
}
