package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.time.StorableDates;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Packet count, time interval and place of a CZML document. The interval is the document clock's
 * when it has one, otherwise the span of all packets' availability intervals; the place is the box
 * around the entities' positions ({@link CzmlPlaces}).
 */
final class CzmlSummary {
    /**
     * ISO 8601 as Cesium reads it: the extended format (2024-06-01T10:00:00Z), a date alone or a
     * time without an offset taken as UTC, offsets with or without a colon, and 24:00 as the end of
     * a day, which Cesium's own bounds of time use (0000-01-01T00:00:00Z/9999-12-31T24:00:00Z).
     */
    private static final DateTimeFormatter EXTENDED = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .optionalEnd().toFormatter().withResolverStyle(ResolverStyle.SMART);
    /**
     * Digits of a second's fraction beyond the nanosecond, which Java cannot hold and Cesium's own
     * samples write (2012-08-04T17:04:54.9962195740191Z).
     */
    private static final Pattern BEYOND_NANOSECONDS = Pattern.compile("(\\.\\d{9})\\d+");
    /** The basic format (20240601T100000Z, or shortened to 20240601T10Z), which Cesium reads too. */
    private static final DateTimeFormatter BASIC = new DateTimeFormatterBuilder()
            .appendPattern("uuuuMMdd'T'HH").optionalStart().appendPattern("mm").optionalStart().appendPattern("ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalEnd().optionalEnd().appendOffset("+HHmm", "Z").toFormatter()
            .withResolverStyle(ResolverStyle.SMART);
    /** Cesium's latest time, 9999-12-31T24:00:00Z: a time without end, not a date in the year 10000. */
    private static final Instant CESIUM_MAXIMUM = Instant.parse("+10000-01-01T00:00:00Z");
    /** What {@link #CESIUM_MAXIMUM} is kept as: the last instant the catalog stores. */
    private static final Instant ENDLESS = CESIUM_MAXIMUM.minus(1, ChronoUnit.MICROS);
    private static final Instant CESIUM_MINIMUM = Instant.parse("0000-01-01T00:00:00Z");
    private long packetCount;
    private Optional<String> name = Optional.empty();
    private Optional<String> version = Optional.empty();
    private Optional<Interval> clock = Optional.empty();
    private Optional<Interval> availability = Optional.empty();
    private JsonNode pendingClock;
    private JsonNode pendingName;
    private JsonNode pendingVersion;
    private final List<JsonNode> pendingAvailability = new ArrayList<>();
    private final CzmlPlaces places = new CzmlPlaces();

    private record Interval(Instant start, Instant end) {
        Interval span(Interval other) {
            return new Interval(start.isBefore(other.start) ? start : other.start, end.isAfter(other.end) ? end : other.end);
        }
    }

    CzmlPlaces places() {
        return places;
    }

    /** A field of the packet being read; the packet's id may come after it, so it waits for {@link #countPacket}. */
    void take(String field, JsonNode value) {
        switch (field) {
            case "clock" -> pendingClock = value;
            case "name" -> pendingName = value;
            case "version" -> pendingVersion = value;
            default -> pendingAvailability.add(value);
        }
    }

    void countPacket(boolean document) throws UnreadableFileException {
        packetCount++;
        if (document) {
            name = text(pendingName);
            version = text(pendingVersion);
            if (pendingClock != null && pendingClock.path("interval").isTextual()) {
                clock = Optional.of(interval(pendingClock.path("interval").asText(), "the document clock"));
            }
        }
        for (JsonNode value : pendingAvailability) {
            List<JsonNode> intervals = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(intervals::add);
            } else {
                intervals.add(value);
            }
            for (JsonNode interval : intervals) {
                if (interval.isTextual()) {
                    Interval parsed = interval(interval.asText(), "packet " + packetCount + "'s availability");
                    // Available at all times (Cesium's maximum interval) tells nothing of when the data is.
                    if (!parsed.start().equals(CESIUM_MINIMUM) || !parsed.end().equals(ENDLESS)) {
                        availability = Optional.of(availability.map(parsed::span).orElse(parsed));
                    }
                }
            }
        }
        pendingClock = null;
        pendingName = null;
        pendingVersion = null;
        pendingAvailability.clear();
    }

    FormatReport report() {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        details.put("packetCount", packetCount);
        name.ifPresent(value -> details.put("name", value));
        version.ifPresent(value -> details.put("version", value));
        Optional<Interval> interval = clock.or(() -> availability);
        interval.ifPresent(span -> {
            details.put("start", span.start().toString());
            details.put("end", span.end().toString());
            details.put("intervalFrom", clock.isPresent() ? "clock" : "availability");
        });
        Optional<Bounds> bounds = places.bounds();
        bounds.ifPresent(box -> details.set("bbox", box.toJson()));
        return new FormatReport(Format.CZML, details, bounds, interval.map(Interval::start),
                interval.map(Interval::end), Optional.empty());
    }

    private static Interval interval(String text, String where) throws UnreadableFileException {
        int slash = text.indexOf('/');
        try {
            if (slash < 0) {
                throw new DateTimeParseException("no '/' between start and end", text, 0);
            }
            Optional<Instant> parsedStart = StorableDates.storable(instant(text.substring(0, slash)));
            Optional<Instant> parsedEnd = StorableDates.storable(instant(text.substring(slash + 1)));
            if (parsedStart.isEmpty() || parsedEnd.isEmpty()) {
                throw new UnreadableFileException("invalid CZML: the interval of " + where + ", \"" + text
                        + "\", does not lie " + StorableDates.RANGE);
            }
            Instant start = parsedStart.get();
            Instant end = parsedEnd.get();
            return end.isBefore(start) ? new Interval(end, start) : new Interval(start, end);
        } catch (DateTimeParseException e) {
            throw new UnreadableFileException("invalid CZML: the interval of " + where + ", \"" + text
                    + "\", is not an ISO 8601 interval such as 2024-06-01T10:00:00Z/2024-06-01T12:00:00Z", e);
        }
    }

    /** Cesium's latest time is taken as the last instant the catalog can store. */
    private static Instant instant(String text) {
        String nanoseconds = BEYOND_NANOSECONDS.matcher(text).replaceFirst("$1");
        Instant instant;
        try {
            TemporalAccessor parsed = EXTENDED.parseBest(nanoseconds, OffsetDateTime::from, LocalDateTime::from,
                    LocalDate::from);
            if (parsed instanceof OffsetDateTime withOffset) {
                instant = withOffset.toInstant();
            } else if (parsed instanceof LocalDateTime utc) {
                instant = utc.toInstant(ZoneOffset.UTC);
            } else {
                instant = ((LocalDate) parsed).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        } catch (DateTimeParseException notExtended) {
            instant = OffsetDateTime.parse(nanoseconds, BASIC).toInstant();
        }
        return instant.equals(CESIUM_MAXIMUM) ? ENDLESS : instant;
    }

    private static Optional<String> text(JsonNode node) {
        return node != null && node.isValueNode() ? Optional.of(node.asText()) : Optional.empty();
    }
}
