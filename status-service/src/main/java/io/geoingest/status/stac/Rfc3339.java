package io.geoingest.status.stac;

import io.geoingest.common.error.StacProblem;
import io.geoingest.common.time.StorableDates;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** RFC 3339 date-times, as STAC writes them: {@code 2024-05-01T10:00:00Z}, any offset, optional fraction. */
public final class Rfc3339 {
    private Rfc3339() {
    }

    /**
     * The instant, or empty when the text is not an RFC 3339 date-time (RFC 3339 allows lower-case
     * t and z, and only years of four digits, which Java's ISO parser would go beyond).
     */
    public static Optional<Instant> parse(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text.trim().toUpperCase(Locale.ROOT),
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()).flatMap(StorableDates::storable);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Parses {@code text} or answers 400 naming {@code field}. */
    public static Instant require(String field, String text) {
        return parse(text).orElseThrow(() -> StacProblem.badRequest(
                field + " must be an RFC 3339 date-time such as 2024-05-01T10:00:00Z, not '" + text + "'"));
    }

    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
