package io.geoingest.worker.format;

import java.time.Instant;
import java.util.Optional;

/** The earliest and latest of the times a document gives, as they stream by. */
final class ObservedTimes {
    private Optional<Instant> start = Optional.empty();
    private Optional<Instant> end = Optional.empty();

    void add(Instant time) {
        if (start.isEmpty() || time.isBefore(start.get())) {
            start = Optional.of(time);
        }
        if (end.isEmpty() || time.isAfter(end.get())) {
            end = Optional.of(time);
        }
    }

    Optional<Instant> start() {
        return start;
    }

    Optional<Instant> end() {
        return end;
    }
}
