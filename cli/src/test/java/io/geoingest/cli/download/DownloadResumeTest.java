package io.geoingest.cli.download;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpExchange;
import io.geoingest.cli.CommandRun;
import io.geoingest.cli.ExitCode;
import io.geoingest.cli.LocalServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A download of gigabytes that broke off near its end failed, and the next run began at its first byte. */
class DownloadResumeTest {
    private static final byte[] SCENE = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path work;

    @Test
    void aBodyThatBreaksOffIsResumedFromTheFirstByteMissing() throws IOException {
        List<String> ranges = new CopyOnWriteArrayList<>();
        try (LocalServer server = new LocalServer()) {
            serve(server, "/stored/42", exchange -> {
                Optional<String> range = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Range"));
                ranges.add(range.orElse("none"));
                if (range.isEmpty()) {
                    breakOffAfter(exchange, 12);
                } else {
                    answerRange(exchange, 12, "bytes 12-19/20");
                }
            });

            assertDownloadsTheScene(server);
            assertEquals(List.of("none", "bytes=12-"), ranges);
        }
    }

    @Test
    void aServerThatIgnoresTheRangeGetsTheFileWrittenAnew() throws IOException {
        AtomicInteger gets = new AtomicInteger();
        try (LocalServer server = new LocalServer()) {
            serve(server, "/stored/42", exchange -> {
                if (gets.incrementAndGet() == 1) {
                    breakOffAfter(exchange, 12);
                } else if (gets.get() == 2) {
                    // a range other than the one asked for
                    answerRange(exchange, 8, "bytes 8-19/20");
                } else {
                    exchange.sendResponseHeaders(200, SCENE.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(SCENE);
                    }
                }
            });

            assertDownloadsTheScene(server);
            assertEquals(3, gets.get());
        }
    }

    /** The presigned URL may expire while a large file comes in: the rest comes from one signed anew. */
    @Test
    void aUrlThatExpiredMeanwhileIsSignedAgain() throws IOException {
        try (LocalServer server = new LocalServer()) {
            AtomicInteger signed = new AtomicInteger();
            server.on("/public/file/status/42", LocalServer.json(200, "{\"id\": \"42\", \"originalName\": \"scene.tif\"}"))
                    .on("/public/file/download/url", exchange -> LocalServer.answer(exchange, 200,
                            server.url() + "/stored/42?signature=" + signed.incrementAndGet()))
                    .on("/stored/42", exchange -> {
                        if (exchange.getRequestURI().getQuery().endsWith("=1")) {
                            if (exchange.getRequestHeaders().containsKey("Range")) {
                                LocalServer.answer(exchange, 403, "<Error><Code>AccessDenied</Code></Error>");
                            } else {
                                breakOffAfter(exchange, 12);
                            }
                        } else {
                            answerRange(exchange, 12, "bytes 12-19/20");
                        }
                    });

            assertDownloadsTheScene(server);
            assertEquals(2, signed.get());
        }
    }

    private void assertDownloadsTheScene(LocalServer server) throws IOException {
        CommandRun run = CommandRun.of(server.url(), work, "download", "42");

        assertEquals(ExitCode.OK, run.exitCode(), run.err());
        assertEquals(new String(SCENE, StandardCharsets.US_ASCII), Files.readString(work.resolve("scene.tif")));
    }

    private interface Storage {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static void serve(LocalServer server, String path, Storage storage) {
        server.on("/public/file/status/42", LocalServer.json(200, "{\"id\": \"42\", \"originalName\": \"scene.tif\"}"))
                .on("/public/file/download/url", exchange -> LocalServer.answer(exchange, 200, server.url() + path))
                .on(path, storage::handle);
    }

    /** Promises the whole file, sends {@code bytes} of it and drops the connection, as a link that fails does. */
    private static void breakOffAfter(HttpExchange exchange, int bytes) throws IOException {
        exchange.sendResponseHeaders(200, SCENE.length);
        OutputStream out = exchange.getResponseBody();
        out.write(SCENE, 0, bytes);
        out.flush();
        exchange.close();
    }

    private static void answerRange(HttpExchange exchange, int from, String contentRange) throws IOException {
        byte[] rest = Arrays.copyOfRange(SCENE, from, SCENE.length);
        exchange.getResponseHeaders().set("Content-Range", contentRange);
        exchange.sendResponseHeaders(206, rest.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(rest);
        }
    }
}
