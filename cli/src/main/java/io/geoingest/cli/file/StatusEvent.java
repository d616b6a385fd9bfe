package io.geoingest.cli.file;

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

    public boolean isTerminal() {
        return TERMINAL.contains(status);
    }

    public Optional<String> failureReason() {
        return Optional.ofNullable(reason).filter(text -> !text.isBlank());
    }
}
