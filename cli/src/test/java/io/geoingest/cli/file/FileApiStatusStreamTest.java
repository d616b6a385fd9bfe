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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code status --follow} waits as long as processing takes while the stream lives (the server
 * sends keep-alives), and opens it again when it falls silent, but not for ever without news.
 */
class FileApiStatusStreamTest {
    private static final Duration BOUND = Duration.ofMillis(500);
    private static final Duration TEST_LIMIT = Duration.ofSeconds(10);
    private static final String EVENTS = "/public/file/status/42/events";

    @Test
    void aStreamThatFallsSilentIsOpenedAgain() {
        try (LocalServer server = new LocalServer()) {
            AtomicInteger opened = new AtomicInteger();
            server.on(EVENTS, exchange -> {
                exchange.sendResponseHeaders(200, 0);
                OutputStream stream = exchange.getResponseBody();
                if (opened.incrementAndGet() == 1) {
                    send(stream, status("IN_PROGRESS"));
                    server.hold();
                }
                send(stream, status("COMPLETED"));
                stream.close();
            });
            List<String> seen = new ArrayList<>();

            StatusEvent last = assertTimeoutPreemptively(TEST_LIMIT,
                    () -> api(server).followStatus("42", event -> seen.add(event.status())));

            assertEquals("COMPLETED", last.status());
            assertEquals(List.of("IN_PROGRESS", "COMPLETED"), seen);
            assertEquals(2, opened.get());
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
                for (int keepAlive = 0; keepAlive < 8; keepAlive++) {
                    LocalServer.pause(BOUND.dividedBy(2));
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

    private static FileApi api(LocalServer server) {
        Transport transport = new Transport(new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(100)),
                new Timeouts(BOUND, BOUND, 1 << 20), Optional.empty());
        return new FileApi(new Connection(URI.create(server.url()), "k"), transport, new ObjectMapper());
    }

    private static String status(String status) {
        return "event: status\ndata: {\"fileId\": \"42\", \"status\": \"" + status + "\", \"at\": 1}\n\n";
    }

    private static void send(OutputStream stream, String text) throws IOException {
        stream.write(text.getBytes(StandardCharsets.UTF_8));
        stream.flush();
    }
}
