package io.geoingest.cli.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.cli.CliException;
import io.geoingest.cli.LocalServer;
import io.geoingest.cli.config.Connection;
import io.geoingest.cli.http.FileRange;
import io.geoingest.cli.http.RetryPolicy;
import io.geoingest.cli.http.Timeouts;
import io.geoingest.cli.http.Transport;
import io.geoingest.cli.progress.Progress;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which calls are sent again once the server may have received them: the start of a chunked
 * upload is (a copy too many is an upload nothing uses, which the server sweeps), a direct upload
 * is not (a copy too many is a second file), and the user is told what may be left.
 */
class FileApiResendingTest {
    private static final Duration BOUND = Duration.ofMillis(500);
    private static final Duration TEST_LIMIT = Duration.ofSeconds(10);
    private static final String START = "/public/file/generateUploadId";
    private static final String STARTED = "{\"uploadId\": \"upload-1\", \"key\": \"uploads/upload-1/cube.nc\"}";
    private static final UploadTarget TARGET = new UploadTarget("upload-1", "uploads/upload-1/cube.nc");

    @TempDir
    Path work;

    @Test
    void aStartWhoseAnswerIsLateIsSentAgain() {
        try (LocalServer server = new LocalServer()) {
            AtomicInteger starts = new AtomicInteger();
            server.on(START, exchange -> {
                if (starts.incrementAndGet() == 1) {
                    server.hold();
                }
                LocalServer.answer(exchange, 200, STARTED);
            });

            UploadTarget target = assertTimeoutPreemptively(TEST_LIMIT, () -> api(server).generateUploadId("cube.nc"));

            assertEquals(new UploadTarget("upload-1", "uploads/upload-1/cube.nc"), target);
            assertEquals(2, starts.get());
        }
    }

    @Test
    void aStartAGatewayGaveUpWaitingOnIsSentAgain() {
        try (LocalServer server = new LocalServer()) {
            AtomicInteger starts = new AtomicInteger();
            server.on(START, exchange -> {
                if (starts.incrementAndGet() == 1) {
                    LocalServer.answer(exchange, 504, "{\"error\": \"Gateway Timeout\"}");
                } else {
                    LocalServer.answer(exchange, 200, STARTED);
                }
            });

            UploadTarget target = assertTimeoutPreemptively(TEST_LIMIT, () -> api(server).generateUploadId("cube.nc"));

            assertEquals("upload-1", target.uploadId());
            assertEquals(2, starts.get());
        }
    }

    @Test
    void aDirectUploadAGatewayAnsweredWith502IsNotSentAgain() throws IOException {
        Path file = Files.write(work.resolve("scene.tif"), new byte[4096]);
        try (LocalServer server = new LocalServer()) {
            server.on("/public/file/upload", exchange -> {
                exchange.getRequestBody().readAllBytes();
                LocalServer.answer(exchange, 502, "{\"error\": \"Bad Gateway\"}");
            });

            CliException failure = assertTimeoutPreemptively(TEST_LIMIT, () -> assertThrows(CliException.class,
                    () -> api(server).upload(FileRange.whole(file, 4096), "scene.tif", "SAR", Progress.none())));

            assertEquals(1, server.requests(), "the server behind the gateway may have made a file of the first");
            assertEquals("upload of scene.tif: a gateway got no valid answer from the server (HTTP 502), so it is not sent"
                    + " again: the server may have made a file of it already, which uploading it again would make twice",
                    failure.getMessage());
        }
    }

    /** A part the server failed to store (500) ended an upload of hours, though sending it again replaces it. */
    @Test
    void aPartAnsweredWith500IsSentAgainAFewTimes() throws IOException {
        Path file = Files.write(work.resolve("cube.nc"), new byte[4096]);
        try (LocalServer server = new LocalServer()) {
            AtomicInteger parts = new AtomicInteger();
            server.on("/public/file/uploadChunk", exchange -> {
                exchange.getRequestBody().readAllBytes();
                LocalServer.answer(exchange, parts.incrementAndGet() == 1 ? 500 : 200, "{}");
            });
            try (LocalServer failing = new LocalServer()) {
                failing.on("/public/file/uploadChunk", exchange -> {
                    exchange.getRequestBody().readAllBytes();
                    LocalServer.answer(exchange, 500, "{\"error\": \"Internal Server Error\"}");
                });

                Optional<String> md5 = assertTimeoutPreemptively(TEST_LIMIT, () -> api(server, 8).uploadChunk(TARGET, 1,
                        FileRange.whole(file, 4096), "cube.nc", Progress.none().transfer()));
                CliException failure = assertTimeoutPreemptively(TEST_LIMIT, () -> assertThrows(CliException.class,
                        () -> api(failing, 8).uploadChunk(TARGET, 1, FileRange.whole(file, 4096), "cube.nc",
                                Progress.none().transfer())));

                assertEquals(Optional.of(new FileRange(file, 0, 4096).md5()), md5);
                assertEquals(2, parts.get());
                assertEquals(4, failing.requests(), "a 500 that stays is no glitch: sent again three times, not eight");
                assertEquals("upload of part 1 of cube.nc: Internal Server Error (HTTP 500)", failure.getMessage());
            }
        }
    }

    @Test
    void aCompletionAnsweredWith500IsNotSentAgain() {
        try (LocalServer server = new LocalServer()) {
            server.on("/public/file/completeUpload", exchange -> {
                exchange.getRequestBody().readAllBytes();
                LocalServer.answer(exchange, 500, "{\"error\": \"Internal Server Error\"}");
            });

            assertTimeoutPreemptively(TEST_LIMIT, () -> assertThrows(CliException.class,
                    () -> api(server, 8).completeUpload(TARGET, 4096, "SAR", "cube.nc")));

            assertEquals(1, server.requests());
        }
    }

    private static FileApi api(LocalServer server) {
        return api(server, 3);
    }

    private static FileApi api(LocalServer server, int attempts) {
        Transport transport = new Transport(new RetryPolicy(attempts, Duration.ofMillis(100), Duration.ofMillis(100)),
                new Timeouts(BOUND, BOUND, 1 << 20), Optional.empty());
        return new FileApi(new Connection(URI.create(server.url()), Optional.of("k"), Optional.empty()), transport, new ObjectMapper());
    }
}
