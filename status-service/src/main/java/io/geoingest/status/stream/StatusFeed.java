package io.geoingest.status.stream;

import io.geoingest.common.file.FileStatus;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One open status stream of one file. It listens to live changes before the database is read,
 * so changes can arrive before the stream starts; they wait until then. Changes are reported by
 * Kafka and by periodic re-reads, possibly twice or late, so only a status that moves the file
 * forward in its lifecycle is sent, and the stream ends after a terminal one.
 */
final class StatusFeed {
    private final UUID fileId;
    private final List<StatusEvent> waiting = new ArrayList<>();
    private MultiEmitter<? super StreamSignal> emitter;
    private FileStatus lastSent;
    private boolean ended;

    StatusFeed(UUID fileId) {
        this.fileId = fileId;
    }

    UUID fileId() {
        return fileId;
    }

    synchronized void changed(StatusEvent event) {
        if (emitter == null) {
            waiting.add(event);
        } else {
            forward(event);
        }
    }

    /**
     * Starts sending: first the status read from the database, then what arrived meanwhile; none
     * that does not move forward from {@code seen}, what the client saw before it reconnected.
     */
    synchronized void start(MultiEmitter<? super StreamSignal> emitter, Optional<FileStatus> seen, StatusEvent current) {
        this.emitter = emitter;
        lastSent = seen.orElse(null);
        forward(current);
        waiting.forEach(this::forward);
        waiting.clear();
    }

    /** Ends the stream before its file's last status, which its caller may no longer receive. */
    synchronized void end() {
        if (emitter == null || ended) {
            return;
        }
        ended = true;
        emitter.complete();
    }

    /** The result of a periodic re-read: sent when this stream missed it, a keep-alive otherwise. */
    synchronized void rechecked(Optional<StatusEvent> current) {
        if (emitter == null || ended) {
            return;
        }
        if (current.isPresent() && movesForward(current.get().status())) {
            forward(current.get());
        } else {
            emitter.emit(StreamSignal.KEEP_ALIVE);
        }
    }

    private void forward(StatusEvent event) {
        if (ended || !movesForward(event.status())) {
            return;
        }
        lastSent = event.status();
        emitter.emit(event);
        if (event.status().isTerminal()) {
            ended = true;
            emitter.complete();
        }
    }

    private boolean movesForward(FileStatus status) {
        return lastSent == null || stage(status) > stage(lastSent);
    }

    private static int stage(FileStatus status) {
        return switch (status) {
            case QUEUED -> 0;
            case IN_PROGRESS -> 1;
            case COMPLETED, FAILED -> 2;
        };
    }
}
