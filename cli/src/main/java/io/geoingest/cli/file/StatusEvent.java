package io.geoingest.cli.file;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * One event of a file's status stream: {@code {"fileId", "status", "reason", "at"}}; the reason
 * is there for FAILED only.
 */
public record StatusEvent(String fileId, String status, String reason, long at) {
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    private static final Set<String> TERMINAL = Set.of(COMPLETED, FAILED);

    /**
     * The status document of {@code GET /public/file/status/{id}} as an event: the document says
     * {@code id}, {@code error} and {@code updatedAt} where an event says fileId, reason and at.
     */
    static StatusEvent ofStatusDocument(JsonNode document) {
        return new StatusEvent(document.path("id").asText(), document.path("status").asText(),
                document.path("error").textValue(), document.path("updatedAt").asLong());
    }

    public boolean isTerminal() {
        return TERMINAL.contains(status);
    }

    public Optional<String> failureReason() {
        return Optional.ofNullable(reason).filter(text -> !text.isBlank());
    }
}
