package io.geoingest.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.geoingest.common.http.EarlyRefusal;
import io.geoingest.common.logging.FileLogContext;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Errors in the format of the API that was called: the refusals each API throws, and whatever
 * nobody else mapped. Never a stack trace, and a 500 only for what really is the server's fault
 * (logged, with its cause, for operators).
 */
public class ErrorMapper {
    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @Inject
    EarlyRefusal refusal;

    /**
     * A refusal of the file API thrown while the body is read (a 413 once more of it came than the
     * endpoint takes, a form refused part way) leaves the rest unread, so the request ends as
     * {@link EarlyRefusal} ends one it refuses before its body.
     */
    @ServerExceptionMapper
    public Response refusedByFileApi(FileApiProblem problem, RoutingContext context) {
        if (problem.bodyLeftUnread()) {
            refusal.answeredBeforeTheBody(context);
        }
        Response answer = ErrorResponses.giq(problem.status(), problem.getMessage());
        return problem.retryAfter()
                .map(wait -> Response.fromResponse(answer).header(HttpHeaders.RETRY_AFTER, Math.max(1, wait.toSeconds())).build())
                .orElse(answer);
    }

    @ServerExceptionMapper
    public Response refusedByStacApi(StacProblem problem) {
        return ErrorResponses.stac(problem.status(), problem.body());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException exception, HttpServerRequest request) {
        Response.StatusType status = exception.getResponse().getStatusInfo();
        if (status.getStatusCode() < 400) {
            // an answer thrown as such (204 No Content from a stream), not an error
            return exception.getResponse();
        }
        String message = status.getReasonPhrase();
        Optional<JsonProcessingException> json = jsonCause(exception);
        if (status.getStatusCode() == 400 && json.isPresent()) {
            message = JsonShape.describe(json.get());
        } else if (status.getStatusCode() >= 500) {
            logFailure(exception, request);
        }
        return ErrorResponses.forPath(request.path(), status, message, message);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException exception, HttpServerRequest request) {
        String message = JsonShape.describe(exception);
        return ErrorResponses.forPath(request.path(), Response.Status.BAD_REQUEST, message, message);
    }

    /**
     * Valid JSON of another shape (an array or a string where an object belongs). Quarkus maps this
     * subtype itself, with an empty body, ahead of the mapper for its parent.
     */
    @ServerExceptionMapper
    public Response jsonOfAnotherShape(MismatchedInputException exception, HttpServerRequest request) {
        return json(exception, request);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable exception, HttpServerRequest request) {
        if (UnstorableCharacter.refused(exception)) {
            return ErrorResponses.forPath(request.path(), Response.Status.BAD_REQUEST,
                    UnstorableCharacter.MESSAGE, UnstorableCharacter.MESSAGE);
        }
        logFailure(exception, request);
        return ErrorResponses.forPath(request.path(), Response.Status.INTERNAL_SERVER_ERROR,
                "Internal Server Error", "Internal Server Error");
    }

    /** With the id of the file the request was about, when it got that far. */
    private static void logFailure(Throwable exception, HttpServerRequest request) {
        try (FileLogContext file = FileLogContext.ofRequest()) {
            LOG.errorf(exception, "%s %s failed", request.method(), request.path());
        }
    }

    private static Optional<JsonProcessingException> jsonCause(Throwable exception) {
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return Optional.of(json);
            }
        }
        return Optional.empty();
    }
}
