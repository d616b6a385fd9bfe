package io.geoingest.cli.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.cli.CliException;
import io.geoingest.cli.LocalServer;
import io.geoingest.cli.config.Connection;
import io.geoingest.cli.http.RetryPolicy;
import io.geoingest.cli.http.Timeouts;
import io.geoingest.cli.http.Transport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@code status --follow} waits as long as processing takes while the stream lives (the server
 * sends keep-alives), and opens it again when it falls silent, but not for ever without news.
 */
class FileApiStatusStreamTest {
    private static final Duration BOUND = Duration.ofMillis(500);
    private static final Duration TEST_LIMIT = Duration.ofSeconds(10);
    private static final String EVENTS = "/public/file/status/42/events";

    /**
     * Only a stream opened after the silent one brings COMPLETED, so the follow ends only if the
     * silent stream was opened again. What a busy machine may add (a stream opened once more, a
     * pause before a status) changes nothing the test asserts: every stream starts with the
     * current status, as the status service's do; the wait for an answer is long, as only the
     * silence is under test; and more streams may end without news than the other tests allow.
     */
    @Test
    void aStreamThatFallsSilentIsOpenedAgain() {
        try (LocalServer server = new LocalServer()) {
            AtomicBoolean oneFellSilent = new AtomicBoolean();
            server.on(EVENTS, exchange -> {
                exchange.sendResponseHeaders(200, 0);
                OutputStream stream = exchange.getResponseBody();
                send(stream, status("IN_PROGRESS"));
                if (oneFellSilent.compareAndSet(false, true)) {
                    server.hold();
                }
                send(stream, status("COMPLETED"));
                stream.close();
            });
            List<String> seen = new ArrayList<>();
            Transport patient = new Transport(new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(100)),
                    new Timeouts(TEST_LIMIT, BOUND, 1 << 20), Optional.empty());

            StatusEvent last = assertTimeoutPreemptively(TEST_LIMIT,
                    () -> api(server, patient).followStatus("42", event -> seen.add(event.status())));

            assertEquals("COMPLETED", last.status());
            assertEquals(List.of("IN_PROGRESS", "COMPLETED"), seen, "a status is told once, not again with every stream");
        }
    }

    @Test
    void aStreamThatKeepsFallingSilentWithoutNewsIsGivenUp() {
        try (LocalServer server = new LocalServer()) {
            server.on(EVENTS, exchange -> {
                exchange.sendResponseHeaders(200, 0);
                send(exchange.getResponseBody(), status("IN_PROGRESS"));
                server.hold();
            });
            List<String> seen = new ArrayList<>();

            CliException failure = assertTimeoutPreemptively(TEST_LIMIT, () -> assertThrows(CliException.class,
                    () -> api(server).followStatus("42", event -> seen.add(event.status()))));

            assertEquals("status stream of 42: 2 streams in a row ended with the file still IN_PROGRESS (the last: "
                    + server.url() + " sent nothing for 500 ms); it may be processing still: see 'geoingest status 42'"
                    + " later", failure.getMessage());
            assertEquals(List.of("IN_PROGRESS"), seen, "a status is told once, not again with every stream");
        }
    }

    @Test
    void keepAlivesHoldAStreamOpenLongerThanTheBound() {
        try (LocalServer server = new LocalServer()) {
            server.on(EVENTS, exchange -> {
                exchange.sendResponseHeaders(200, 0);
                OutputStream stream = exchange.getResponseBody();
                send(stream, status("IN_PROGRESS"));
                // a fifth of the bound apart: on a busy machine a pause of half the bound ran past it
                for (int keepAlive = 0; keepAlive < 20; keepAlive++) {
                    LocalServer.pause(BOUND.dividedBy(5));
                    send(stream, ":keep-alive\n\n");
                }
                send(stream, status("COMPLETED"));
                stream.close();
            });

            StatusEvent last = assertTimeoutPreemptively(TEST_LIMIT, () -> api(server).followStatus("42", event -> { }));

            assertEquals("COMPLETED", last.status());
            assertEquals(1, server.requests());
        }
    }

    /**
     * As the status service does: a stream opened with Last-Event-ID brings only the statuses after
     * that one, one opened without it starts with the current status again.
     */
    @Test
    void aStreamOpenedAgainNamesTheLastStatusItGot() {
        try (LocalServer server = new LocalServer()) {
            List<String> lastEventIds = new CopyOnWriteArrayList<>();
            server.on(EVENTS, exchange -> {
                String lastEventId = exchange.getRequestHeaders().getFirst("Last-Event-ID");
                lastEventIds.add(Objects.toString(lastEventId, "none"));
                exchange.sendResponseHeaders(200, 0);
                OutputStream stream = exchange.getResponseBody();
                // the first stream is cut off (a proxy's idle timeout, say) after its current status
                send(stream, "IN_PROGRESS".equals(lastEventId) ? status("COMPLETED") : status("IN_PROGRESS"));
                stream.close();
            });
            List<String> seen = new ArrayList<>();

            StatusEvent last = assertTimeoutPreemptively(TEST_LIMIT,
                    () -> api(server).followStatus("42", event -> seen.add(event.status())));

            assertEquals("COMPLETED", last.status());
            assertEquals(List.of("none", "IN_PROGRESS"), lastEventIds);
            assertEquals(List.of("IN_PROGRESS", "COMPLETED"), seen);
        }
    }

    /**
     * A server with nothing more to send to a stream opened again answers 204, which tells a client
     * to stop reconnecting (the status service does once the Last-Event-ID is the final status): the
     * final status is then read from the file's status document.
     */
    @Test
    void aStreamWithNothingMoreToSendEndsWithTheStatusOfTheFile() {
        try (LocalServer server = new LocalServer()) {
            server.on(EVENTS, exchange -> {
                if (exchange.getRequestHeaders().containsKey("Last-Event-ID")) {
                    exchange.sendResponseHeaders(204, -1);
                    exchange.close();
                    return;
                }
                exchange.sendResponseHeaders(200, 0);
                OutputStream stream = exchange.getResponseBody();
                send(stream, status("IN_PROGRESS"));
                stream.close();
            });
            server.on("/public/file/status/42", LocalServer.json(200, "{\"id\": \"42\", \"status\": \"FAILED\","
                    + " \"updatedAt\": 7, \"error\": \"file is empty\"}"));
            List<String> seen = new ArrayList<>();

            StatusEvent last = assertTimeoutPreemptively(TEST_LIMIT,
                    () -> api(server).followStatus("42", event -> seen.add(event.status())));

            assertEquals(new StatusEvent("42", "FAILED", "file is empty", 7), last);
            assertEquals(List.of("IN_PROGRESS", "FAILED"), seen);
        }
    }

    private static FileApi api(LocalServer server) {
        return api(server, new Transport(new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(100)),
                new Timeouts(BOUND, BOUND, 1 << 20), Optional.empty()));
    }

    private static FileApi api(LocalServer server, Transport transport) {
        return new FileApi(new Connection(URI.create(server.url()), Optional.of("k"), Optional.empty()), transport, new ObjectMapper());
    }

    /** An event as the status service sends it, with its status as its id. */
    private static String status(String status) {
        return "id: " + status + "\nevent: status\ndata: {\"fileId\": \"42\", \"status\": \"" + status + "\", \"at\": 1}\n\n";
    }

    private static void send(OutputStream stream, String text) throws IOException {
        stream.write(text.getBytes(StandardCharsets.UTF_8));
        stream.flush();
    }
}
