package io.geoingest.common.time;

import java.time.Instant;

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

    public static boolean holds(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }
}
