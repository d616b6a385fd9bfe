package io.geoingest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output whose reader is gone ({@code geoingest search | head -5}): the JVM's PrintStream swallows
 * the broken pipe, and the command went on fetching pages nobody reads, and exited 0.
 */
class ClosedOutputTest {
    private static final String ITEM = """
            {"type": "Feature", "collection": "dem", "id": "thun", "bbox": [7.6, 46.7, 7.7, 46.8],
             "properties": {"datetime": "2024-05-01T10:30:00Z"}}""";

    @TempDir
    Path work;

    @Test
    void searchStopsPagingOnceItsOutputIsClosed() {
        AtomicInteger pages = new AtomicInteger();
        String page = "{\"type\": \"FeatureCollection\", \"features\": [" + ITEM + ", " + ITEM + "], \"links\": [{\"rel\":"
                + " \"next\", \"method\": \"POST\", \"href\": \"/api/stac/v1/search\", \"body\": {\"limit\": 2}}]}";
        try (LocalServer server = new LocalServer().on("/api/stac/v1/search", exchange -> {
            exchange.getRequestBody().readAllBytes();
            LocalServer.answer(exchange, pages.incrementAndGet() < 5 ? 200 : 500, page);
        })) {
            int exitCode = runIntoAClosedPipe(server, "search");

            assertEquals(ExitCode.FAILURE, exitCode);
            assertEquals(1, pages.get(), "pages fetched after the reader left");
        }
    }

    @Test
    void uploadDoesNotWaitForAFileWhoseIdReachedNoOne() throws IOException {
        Files.writeString(work.resolve("a.tif"), "a");
        AtomicInteger statusCalls = new AtomicInteger();
        try (LocalServer server = new LocalServer()
                .on("/public/file/upload", LocalServer.json(200, "{\"fileId\": \"42\", \"originalName\": \"a.tif\", \"size\": 1}"))
                .on("/public/file/status/42", exchange -> {
                    statusCalls.incrementAndGet();
                    LocalServer.answer(exchange, 200, "event: status\ndata: {\"fileId\": \"42\", \"status\": \"COMPLETED\"}\n\n");
                })) {
            int exitCode = runIntoAClosedPipe(server, "upload", "a.tif");

            assertEquals(ExitCode.FAILURE, exitCode);
            assertEquals(0, statusCalls.get(), "the file's processing was followed for no one");
        }
    }

    private int runIntoAClosedPipe(LocalServer server, String... args) {
        OutputStream closedPipe = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        Environment environment = new Environment(Map.of("GEOINGEST_URL", server.url(), "GEOINGEST_API_KEY", "k"), work,
                Optional.empty(), new PrintStream(closedPipe, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);
        return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> GeoIngest.run(environment, args));
    }
}
