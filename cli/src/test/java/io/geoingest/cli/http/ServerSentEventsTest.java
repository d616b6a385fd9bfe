package io.geoingest.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {

    @Test
    void eventsEndAtBlankLinesAndCommentsAreSkipped() throws IOException {
        List<ServerSentEvents.Event> events = new ArrayList<>();
        boolean stopped = ServerSentEvents.read(reader("""
                event: status
                data: {"status":"QUEUED"}

                : keep-alive

                event:status
                data:{"status":
                data: "COMPLETED"}

                data: unnamed

                """), events::add);

        assertFalse(stopped);
        assertEquals(List.of(
                new ServerSentEvents.Event("status", "{\"status\":\"QUEUED\"}", ""),
                new ServerSentEvents.Event("status", "{\"status\":\n\"COMPLETED\"}", ""),
                new ServerSentEvents.Event("message", "unnamed", "")), events);
    }

    /** The id a client reconnecting after an event sends back: it holds until another one comes. */
    @Test
    void anIdHoldsForTheEventsAfterIt() throws IOException {
        List<String> lastEventIds = new ArrayList<>();
        ServerSentEvents.read(reader("data: 1\n\nid: QUEUED\ndata: 2\n\ndata: 3\n\nid:\ndata: 4\n\n"),
                event -> lastEventIds.add(event.lastEventId()));

        assertEquals(List.of("", "QUEUED", "QUEUED", ""), lastEventIds);
    }

    @Test
    void theHandlerStopsTheReading() throws IOException {
        List<String> seen = new ArrayList<>();
        boolean stopped = ServerSentEvents.read(reader("data: 1\r\n\r\ndata: 2\r\n\r\ndata: 3\r\n\r\n"), event -> {
            seen.add(event.data());
            return !event.data().equals("2");
        });

        assertTrue(stopped);
        assertEquals(List.of("1", "2"), seen);
    }

    @Test
    void anEventCutOffBeforeItsBlankLineIsNotDispatched() throws IOException {
        List<ServerSentEvents.Event> events = new ArrayList<>();

        assertFalse(ServerSentEvents.read(reader("event: status\ndata: {\"status\":\"FAI"), events::add));
        assertEquals(List.of(), events);
    }

    private static BufferedReader reader(String text) {
        return new BufferedReader(new StringReader(text));
    }
}
