package io.geoingest.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.cli.CliException;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An error answer from a server, with the message the server gave when it gave one. */
public class ApiException extends CliException {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LONGEST_PLAIN_MESSAGE = 200;
    private static final Pattern STORAGE_MESSAGE = Pattern.compile("<Message>([^<]{1,200})</Message>");

    private final int status;
    private final String serverMessage;

    public ApiException(String action, int status, String serverMessage) {
        super(action + ": " + serverMessage + " (HTTP " + status + ")");
        this.status = status;
        this.serverMessage = serverMessage;
    }

    /** The error of a response, with the message from its body in any of the API's error formats. */
    public static ApiException of(String action, int status, String body) {
        return new ApiException(action, status, messageIn(body).orElse(reasonPhrase(status)));
    }

    public int status() {
        return status;
    }

    /** What the server said, or the status's reason phrase when it said nothing usable. */
    public String serverMessage() {
        return serverMessage;
    }

    /**
     * The message of an error body: gIQ's {@code {"error": ...}}, STAC's
     * {@code {"code": ..., "description": ...}}, storage's XML {@code <Error><Message>}, or a short
     * plain-text body; nothing for HTML pages and the like.
     */
    static Optional<String> messageIn(String body) {
        String text = body == null ? "" : body.strip();
        if (text.startsWith("<?xml") || text.startsWith("<Error>")) {
            Matcher storage = STORAGE_MESSAGE.matcher(text);
            return storage.find() ? Optional.of(storage.group(1).strip()) : Optional.empty();
        }
        if (text.startsWith("{")) {
            try {
                JsonNode json = JSON.readTree(text);
                for (String field : new String[] {"error", "description", "message"}) {
                    if (json.path(field).isTextual() && !json.path(field).asText().isBlank()) {
                        return Optional.of(json.path(field).asText());
                    }
                }
            } catch (IOException e) {
                return Optional.empty();
            }
            return Optional.empty();
        }
        boolean plain = !text.isEmpty() && !text.startsWith("<") && text.length() <= LONGEST_PLAIN_MESSAGE
                && text.lines().count() == 1;
        return plain ? Optional.of(text) : Optional.empty();
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "error";
        };
    }
}
