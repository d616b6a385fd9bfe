package io.geoingest.common.error;

import io.geoingest.common.file.FileStatus;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A request the gIQ file API refuses, answered with its status and {@code {"error": "..."}}: a
 * client mistake (4xx) with a message that says what to fix, or a server failure (5xx) with the
 * spec's message, logged where it happened. Thrown rather than returned, so that endpoints of any
 * success type (a stream, plain text) answer errors in the same format; no stack trace.
 */
public class FileApiProblem extends RuntimeException {
    private static final Logger LOG = Logger.getLogger(FileApiProblem.class);
    private final Response.Status status;
    private final boolean bodyLeftUnread;
    private final Optional<Duration> retryAfter;

    private FileApiProblem(Response.Status status, String message) {
        this(status, message, false, Optional.empty());
    }

    private FileApiProblem(Response.Status status, String message, boolean bodyLeftUnread, Optional<Duration> retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.bodyLeftUnread = bodyLeftUnread;
        this.retryAfter = retryAfter;
    }

    public static FileApiProblem badRequest(String message) {
        return new FileApiProblem(Response.Status.BAD_REQUEST, message);
    }

    public static FileApiProblem notFound(String message) {
        return new FileApiProblem(Response.Status.NOT_FOUND, message);
    }

    /** Unknown, malformed or someone else's file id: the same answer, so ids of others stay hidden. */
    public static FileApiProblem fileNotFound() {
        return notFound("File not found");
    }

    public static FileApiProblem conflict(String message) {
        return new FileApiProblem(Response.Status.CONFLICT, message);
    }

    public static FileApiProblem notReadyForDownload(FileStatus status) {
        return conflict("File is not ready for download: status " + status);
    }

    /** Thrown once more of a body came than it may have: the rest of it is not read. */
    public static FileApiProblem tooLarge(String message) {
        return new FileApiProblem(Response.Status.REQUEST_ENTITY_TOO_LARGE, message, true, Optional.empty());
    }

    /**
     * The service is too busy to take the request now (a 503 with Retry-After): thrown while the
     * body is read, so the rest of it is not.
     */
    public static FileApiProblem busy(String message, Duration retryAfter) {
        return new FileApiProblem(Response.Status.SERVICE_UNAVAILABLE, message, true, Optional.of(retryAfter));
    }

    public static FileApiProblem serverFailure(String message) {
        return new FileApiProblem(Response.Status.INTERNAL_SERVER_ERROR, message);
    }

    /**
     * Runs a call whose unexpected failures the spec answers with a message of its own
     * ("Failed to upload chunk"): a failure nobody handled is logged and answered with it. The
     * database's refusal of a character the client sent is the client's mistake, answered by
     * {@link ErrorMapper} as such.
     */
    public static <T> T failingAs(String message, Supplier<T> call) {
        try {
            return call.get();
        } catch (FileApiProblem | WebApplicationException answered) {
            throw answered;
        } catch (RuntimeException e) {
            if (UnstorableCharacter.refused(e)) {
                throw e;
            }
            LOG.error(message, e);
            throw serverFailure(message);
        }
    }

    /** This refusal, made before the request's body was read to its end. */
    public FileApiProblem beforeTheEndOfTheBody() {
        return bodyLeftUnread ? this : new FileApiProblem(status, getMessage(), true, retryAfter);
    }

    public Response.Status status() {
        return status;
    }

    /** When the client may try again, for a refusal that only says "not now". */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** Whether the request's body was not read to its end, which the answer must then end ({@link ErrorMapper}). */
    public boolean bodyLeftUnread() {
        return bodyLeftUnread;
    }
}
