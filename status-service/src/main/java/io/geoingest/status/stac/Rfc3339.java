package io.geoingest.status.stac;

import io.geoingest.common.error.StacProblem;
import io.geoingest.common.time.StorableDates;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RFC 3339 date-times, as STAC writes them: {@code 2024-05-01T10:00:00Z}, any offset, optional
 * fraction, and a space for the T.
 */
public final class Rfc3339 {
    /** RFC 3339 (5.6) lets a space stand for the T between the date and the time; Java's parser does not. */
    private static final Pattern SPACE_FOR_T = Pattern.compile("(?<=^[0-9]{4}-[0-9]{2}-[0-9]{2}) ");
    /**
     * RFC 3339 puts no bound on a fraction's digits; Java's parser refuses more than an instant
     * holds. They are cut, not rounded, as {@link StorableDates#storable} cuts the fraction: rounding
     * up could carry 23:59:59.9999999999 into the next year.
     */
    private static final Pattern BEYOND_NANOSECONDS = Pattern.compile("(?<=\\.[0-9]{9})[0-9]+");

    private Rfc3339() {
    }

    /**
     * The instant, or empty when the text is not an RFC 3339 date-time (RFC 3339 allows lower-case
     * t and z, and only years of four digits, which Java's ISO parser would go beyond).
     */
    public static Optional<Instant> parse(String text) {
        String iso = SPACE_FOR_T.matcher(text.trim().toUpperCase(Locale.ROOT)).replaceFirst("T");
        try {
            return Optional.of(OffsetDateTime.parse(BEYOND_NANOSECONDS.matcher(iso).replaceFirst(""),
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
