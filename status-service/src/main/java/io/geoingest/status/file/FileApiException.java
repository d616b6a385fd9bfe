package io.geoingest.status.file;

import io.geoingest.common.file.FileStatus;
import jakarta.ws.rs.core.Response;

/**
 * A request the file API refuses, with the status and message of its {@code {"error": "..."}}
 * body. Thrown rather than returned so that endpoints with other success types (a stream, plain
 * text) answer errors in the same JSON format. It is an answer, not a fault: no stack trace.
 */
public class FileApiException extends RuntimeException {
    private final Response.Status status;

    private FileApiException(Response.Status status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** Unknown, malformed or someone else's file id: the same answer, so ids of others stay hidden. */
    public static FileApiException fileNotFound() {
        return new FileApiException(Response.Status.NOT_FOUND, "File not found");
    }

    public static FileApiException notReadyForDownload(FileStatus status) {
        return new FileApiException(Response.Status.CONFLICT, "File is not ready for download: status " + status);
    }

    public static FileApiException badRequest(String message) {
        return new FileApiException(Response.Status.BAD_REQUEST, message);
    }

    public Response.Status status() {
        return status;
    }
}
