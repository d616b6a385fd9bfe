package io.geoingest.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.cli.CliException;
import io.geoingest.cli.LocalServer;
import io.geoingest.cli.config.Connection;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A server that keeps the client waiting makes it fail within the bound, with a line that says so. */
class TransportTimeoutsTest {
    private static final Duration BOUND = Duration.ofMillis(500);
    private static final Timeouts SHORT = new Timeouts(BOUND, BOUND, 1 << 20);
    /** Far beyond the bound, and far below forever. */
    private static final Duration TEST_LIMIT = Duration.ofSeconds(10);
    private static final RetryPolicy ONE_ATTEMPT = new RetryPolicy(1, Duration.ofMillis(100), Duration.ofMillis(100));

    @Test
    void aServerThatNeverAnswersFailsWithinTheBound() {
        try (LocalServer server = new LocalServer()) {
            server.on("/public/file/status/42", exchange -> server.hold());
            Transport transport = new Transport(ONE_ATTEMPT, SHORT, Optional.empty());

            CliException failure = assertTimeoutPreemptively(TEST_LIMIT, () -> assertThrows(CliException.class,
                    () -> transport.exchange("status of 42", () -> get(server, "/public/file/status/42"))));

            assertEquals("status of 42: " + server.url() + " did not answer within 500 ms", failure.getMessage());
        }
    }

    @Test
    void aGetThatTimedOutIsSentAgain() {
        try (LocalServer server = new LocalServer()) {
            AtomicInteger attempts = new AtomicInteger();
            server.on("/public/file/status/42", exchange -> {
                if (attempts.incrementAndGet() == 1) {
                    server.hold();
                }
                LocalServer.answer(exchange, 200, "{\"status\": \"COMPLETED\"}");
            });
            Transport transport = new Transport(new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(100)), SHORT,
                    Optional.empty());

            JsonNode status = assertTimeoutPreemptively(TEST_LIMIT, () -> calls(server, transport).json("status of 42",
                    () -> get(server, "/public/file/status/42"), JsonNode.class));

            assertEquals("COMPLETED", status.path("status").asText());
            assertEquals(2, attempts.get());
        }
    }

    @Test
    void aDirectUploadTheServerReceivedWholeIsNotSentAgainWhenItsAnswerIsLate() {
        try (LocalServer server = new LocalServer()) {
            AtomicInteger received = new AtomicInteger();
            server.on("/public/file/upload", exchange -> {
                exchange.getRequestBody().readAllBytes();
                received.incrementAndGet();
                server.hold();
            });
            Transport transport = new Transport(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(100)), SHORT,
                    Optional.empty());

            CliException failure = assertTimeoutPreemptively(TEST_LIMIT, () -> assertThrows(CliException.class,
                    () -> transport.exchange("upload of scene.tif", () -> post(server, "/public/file/upload", new byte[4096]),
                            0, Transport.Resending.untilReceived("the server may have made a file of it"))));

            assertEquals(1, received.get(), "each copy the server receives would be one more file");
            assertEquals("upload of scene.tif: " + server.url() + " did not answer within 500 ms after the whole request"
                    + " went out, so it is not sent again: the server may have made a file of it", failure.getMessage());
        }
    }

    @Test
    void anAnswerThatStopsHalfwayFailsWithinTheBound() {
        try (LocalServer server = new LocalServer()) {
            server.on("/public/file/status/42", exchange -> {
                exchange.sendResponseHeaders(200, 100);
                exchange.getResponseBody().write('{');
                exchange.getResponseBody().flush();
                server.hold();
            });
            ApiCalls calls = calls(server, new Transport(ONE_ATTEMPT, SHORT, Optional.empty()));

            CliException failure = assertTimeoutPreemptively(TEST_LIMIT, () -> assertThrows(CliException.class,
                    () -> calls.json("status of 42", () -> get(server, "/public/file/status/42"), JsonNode.class)));

            assertEquals("status of 42: the answer broke off: " + server.url() + " sent nothing for 500 ms",
                    failure.getMessage());
        }
    }

    @Test
    void anUploadTheServerStopsTakingInFailsWithinTheBound() {
        try (LocalServer server = new LocalServer()) {
            server.on("/public/file/uploadChunk", exchange -> server.hold());
            Transport transport = new Transport(ONE_ATTEMPT, SHORT, Optional.empty());
            byte[] chunk = new byte[32 << 20];

            CliException failure = assertTimeoutPreemptively(TEST_LIMIT, () -> assertThrows(CliException.class,
                    () -> transport.exchange("upload of part 1 of a.bin", () -> post(server, "/public/file/uploadChunk", chunk),
                            chunk.length)));

            assertEquals("upload of part 1 of a.bin: " + server.url() + " took no more of the request for 500 ms",
                    failure.getMessage());
        }
    }

    @Test
    void anUploadSlowerThanTheBoundGoesThroughWhileItsBytesMove() {
        try (LocalServer server = new LocalServer()) {
            server.on("/public/file/uploadChunk", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    byte[] piece = new byte[64 * 1024];
                    while (body.readNBytes(piece, 0, piece.length) > 0) {
                        LocalServer.pause(Duration.ofMillis(10));
                    }
                }
                LocalServer.answer(exchange, 200, "{}");
            });
            Transport transport = new Transport(ONE_ATTEMPT, SHORT, Optional.empty());
            byte[] chunk = new byte[12 << 20];

            long start = System.nanoTime();
            HttpResponse<InputStream> response = assertTimeoutPreemptively(TEST_LIMIT, () -> transport.exchange(
                    "upload of part 1 of a.bin", () -> post(server, "/public/file/uploadChunk", chunk), chunk.length));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            ApiCalls.discard(response);

            assertEquals(200, response.statusCode());
            assertTrue(took.compareTo(BOUND.multipliedBy(2)) > 0, "the upload outlasted the bound: " + took);
        }
    }

    @Test
    void theServerMayTakeLongerToAnswerTheMoreBytesItHandles() {
        try (LocalServer server = new LocalServer()) {
            server.on("/public/file/completeUpload", exchange -> {
                exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                LocalServer.pause(BOUND.multipliedBy(3));
                LocalServer.answer(exchange, 200, "{}");
            });
            int bytesPerSecond = 1024;
            Transport transport = new Transport(ONE_ATTEMPT, new Timeouts(BOUND, BOUND, bytesPerSecond), Optional.empty());
            long assembled = 4L * bytesPerSecond;

            HttpResponse<InputStream> response = assertTimeoutPreemptively(TEST_LIMIT, () -> transport.exchange(
                    "completion of the upload of a.bin", () -> post(server, "/public/file/completeUpload", new byte[2]),
                    assembled));
            ApiCalls.discard(response);

            assertEquals(200, response.statusCode());
        }
    }

    @Test
    void longWaitsAreToldInMinutes() {
        // the wait for the completion of a 10 GiB file
        assertEquals("21 min 50 s", Timeouts.inWords(Timeouts.DEFAULT.answerAfterHandling(10L << 30)));
        assertEquals("30 s", Timeouts.inWords(Timeouts.DEFAULT.answer()));
    }

    private static ApiCalls calls(LocalServer server, Transport transport) {
        return new ApiCalls(new Connection(URI.create(server.url()), Optional.of("k"), Optional.empty()), transport, new ObjectMapper());
    }

    private static HttpRequest get(LocalServer server, String path) {
        return HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build();
    }

    private static HttpRequest post(LocalServer server, String path, byte[] body) {
        return HttpRequest.newBuilder(URI.create(server.url() + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }
}
