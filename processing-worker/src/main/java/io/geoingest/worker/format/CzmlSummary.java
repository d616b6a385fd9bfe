package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.time.StorableDates;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Packet count and time interval of a CZML document. The interval is the document clock's when it
 * has one, otherwise the span of all packets' availability intervals.
 */
final class CzmlSummary {
    private long packetCount;
    private Optional<String> name = Optional.empty();
    private Optional<String> version = Optional.empty();
    private Optional<Interval> clock = Optional.empty();
    private Optional<Interval> availability = Optional.empty();
    private JsonNode pendingClock;
    private JsonNode pendingName;
    private JsonNode pendingVersion;
    private final List<JsonNode> pendingAvailability = new ArrayList<>();

    private record Interval(Instant start, Instant end) {
        Interval span(Interval other) {
            return new Interval(start.isBefore(other.start) ? start : other.start, end.isAfter(other.end) ? end : other.end);
        }
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
                    availability = Optional.of(availability.map(parsed::span).orElse(parsed));
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
        return new FormatReport(Format.CZML, details, Optional.empty(), interval.map(Interval::start),
                interval.map(Interval::end), Optional.empty());
    }

    private static Interval interval(String text, String where) throws UnreadableFileException {
        int slash = text.indexOf('/');
        try {
            if (slash < 0) {
                throw new DateTimeParseException("no '/' between start and end", text, 0);
            }
            Optional<Instant> parsedStart = StorableDates.storable(OffsetDateTime.parse(text.substring(0, slash)).toInstant());
            Optional<Instant> parsedEnd = StorableDates.storable(OffsetDateTime.parse(text.substring(slash + 1)).toInstant());
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

    private static Optional<String> text(JsonNode node) {
        return node != null && node.isValueNode() ? Optional.of(node.asText()) : Optional.empty();
    }
}
