package io.geoingest.common.time;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The dates files and the catalog keep: the years RFC 3339 can write (and so STAC's datetime),
 * 0000 to 9999. PostgreSQL would store more, but a date it holds must also be one that answers
 * can write and clients can parse back.
 */
public final class StorableDates {
    /** How a refusal names the range. */
    public static final String RANGE = "between 0000-01-01 and 9999-12-31";
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    /** PostgreSQL keeps microseconds: a later fraction of the last second would round into the year 10000. */
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private StorableDates() {
    }

    /**
     * Now, to the millisecond, as answers write the times files, uploads and the catalog keep: a
     * finer fraction would be written one way in the answer that made it and another way (cut to
     * PostgreSQL's microseconds) in every answer after.
     */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The instant as stored, or empty when it lies outside the range. PostgreSQL keeps microseconds
     * and rounds the rest, which could move 23:59:59.9999996 on New Year's Eve into the next year:
     * the fraction is cut to the microsecond here instead, as a clock would.
     */
    public static Optional<Instant> storable(Instant instant) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            return Optional.empty();
        }
        return Optional.of(instant.truncatedTo(ChronoUnit.MICROS));
    }
}
