package io.geoingest.status.stream;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.geoingest.common.event.FileStatusChanged;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * The data of one {@code status} event of a stream: the file, its status, the failure reason
 * (only when there is one) and when the status was reached, in epoch milliseconds like the
 * times of {@code GET /public/file/status/{id}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusEvent(UUID fileId, FileStatus status, String reason, long at) implements StreamSignal {

    /**
     * The event's id: its status, which a stream sends at most once, as it only sends a status
     * that moves the file forward. A client that reconnects sends it back as Last-Event-ID.
     */
    @JsonIgnore
    String id() {
        return status.name();
    }

    /** The status of the event whose {@link #id()} a client sent back; empty for an id that is none of ours. */
    static Optional<FileStatus> statusOfId(String lastEventId) {
        return Arrays.stream(FileStatus.values()).filter(status -> status.name().equals(lastEventId)).findFirst();
    }

    static StatusEvent of(FileRecord file) {
        String reason = file.status == FileStatus.FAILED ? file.failureReason : null;
        return new StatusEvent(file.id, file.status, reason, file.updatedAt.toEpochMilli());
    }

    static StatusEvent of(FileStatusChanged change) {
        Instant at = change.at() == null ? Instant.now() : change.at();
        return new StatusEvent(change.fileId(), change.status(), change.reason(), at.toEpochMilli());
    }
}
