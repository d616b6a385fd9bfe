package io.geoingest.cli.file;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parts of a chunked upload the server has: {@code GET /public/file/upload/{uploadId}/parts};
 * {@code fileId} once it completed.
 */
public record StoredParts(String uploadId, String key, String status, List<Part> parts, String fileId) {
    public static final String IN_PROGRESS = "in-progress";
    private static final String COMPLETING = "completing";
    /** Ended: an upload that is completed or aborted takes no more parts. */
    private static final Set<String> ENDED = Set.of("completed", "aborted");

    public record Part(int partNumber, long size) {
    }

    public StoredParts {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    public boolean inProgress() {
        return IN_PROGRESS.equals(status);
    }

    /** A completion is assembling the file: the upload takes nothing else until it ends. */
    public boolean completing() {
        return COMPLETING.equals(status);
    }

    public boolean ended() {
        return ENDED.contains(status);
    }

    /** The file a completed upload made. */
    public Optional<String> completedAs() {
        return "completed".equals(status) ? Optional.ofNullable(fileId) : Optional.empty();
    }

    /** Part number to size. */
    public Map<Integer, Long> sizes() {
        return parts.stream().collect(Collectors.toMap(Part::partNumber, Part::size, (first, second) -> second));
    }
}
