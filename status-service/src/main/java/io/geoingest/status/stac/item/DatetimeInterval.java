package io.geoingest.status.stac.item;

import io.geoingest.common.error.StacProblem;
import io.geoingest.status.stac.Rfc3339;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code datetime} filter: an instant (an interval of one instant) or an interval
 * {@code start/end} whose open end is {@code ..} or empty. Items match when the time they cover
 * ({@code datetime}, or {@code start_datetime} to {@code end_datetime}) overlaps it, ends included.
 */
public record DatetimeInterval(Optional<Instant> start, Optional<Instant> end) {
    private static final String FORMAT = "datetime must be an RFC 3339 date-time or an interval start/end"
            + " with '..' for an open end, for example 2024-01-01T00:00:00Z/..";

    /**
     * A query decodes '+' as a space, so an offset ahead of UTC that a client sent unencoded
     * ({@code 2024-05-01T10:00:00+02:00}) arrives as {@code 2024-05-01T10:00:00 02:00}. Only a decoded
     * '+' makes a time followed by a space and hh:mm, so the '+' is put back rather than the
     * datetime refused (or, worse, read otherwise).
     */
    private static final Pattern DECODED_PLUS = Pattern.compile("([Tt ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?) (\\d{2}:\\d{2})(?=/|$)");

    /** The {@code datetime} parameter of a query string: {@link #parse}, with a '+' decoded as a space put back. */
    public static DatetimeInterval parseQuery(String text) {
        return parse(text == null ? null : DECODED_PLUS.matcher(text.trim()).replaceAll("$1+$2"));
    }

    public static DatetimeInterval parse(String text) {
        if (text == null || text.isBlank()) {
            throw StacProblem.badRequest(FORMAT);
        }
        String[] ends = text.trim().split("/", -1);
        if (ends.length == 1) {
            Instant instant = instant(ends[0]);
            return new DatetimeInterval(Optional.of(instant), Optional.of(instant));
        }
        if (ends.length != 2) {
            throw StacProblem.badRequest(FORMAT);
        }
        Optional<Instant> start = openEnd(ends[0]) ? Optional.empty() : Optional.of(instant(ends[0]));
        Optional<Instant> end = openEnd(ends[1]) ? Optional.empty() : Optional.of(instant(ends[1]));
        if (start.isEmpty() && end.isEmpty()) {
            throw StacProblem.badRequest("datetime interval must have at least one end that is not open");
        }
        if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
            throw StacProblem.badRequest("datetime interval must not end before it starts");
        }
        return new DatetimeInterval(start, end);
    }

    private static boolean openEnd(String end) {
        return end.isBlank() || end.trim().equals("..");
    }

    private static Instant instant(String text) {
        return Rfc3339.parse(text).orElseThrow(() -> StacProblem.badRequest(FORMAT + "; '" + text + "' is not a date-time"));
    }
}
