package io.geoingest.cli.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * Reads a {@code text/event-stream} as the HTML standard defines it: {@code event:}, {@code data:}
 * and {@code id:} fields, several data lines joined by newlines, an event dispatched at a blank
 * line, comments (lines starting with a colon, such as keep-alives) skipped.
 */
public final class ServerSentEvents {

    /**
     * One event; {@code name} is {@code message} when the stream gave none. {@code lastEventId} is
     * the latest {@code id:} of the stream up to this event (an id holds for the events after it
     * until another one comes): the id a client reconnecting after this event sends as
     * {@code Last-Event-ID}; empty when the stream gave none.
     */
    public record Event(String name, String data, String lastEventId) {
    }

    private ServerSentEvents() {
    }

    /**
     * Hands each event to {@code handler} until it returns false.
     *
     * @return true when the handler stopped the reading, false when the stream ended first
     */
    public static boolean read(BufferedReader reader, Predicate<Event> handler) throws IOException {
        String name = "";
        StringBuilder data = null;
        String lastEventId = "";
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty()) {
                if (data != null && !handler.test(new Event(name.isEmpty() ? "message" : name, data.toString(), lastEventId))) {
                    return true;
                }
                name = "";
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("event")) {
                name = value;
            } else if (field.equals("data")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            } else if (field.equals("id") && value.indexOf('\0') < 0) {
                lastEventId = value;
            }
        }
        return false;
    }
}
