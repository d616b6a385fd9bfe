package io.geoingest.cli.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.cli.CliException;
import io.geoingest.cli.Environment;
import io.geoingest.cli.ExitCode;
import io.geoingest.cli.LocalServer;
import io.geoingest.cli.Session;
import io.geoingest.cli.config.Connection;
import io.geoingest.cli.file.FileApi;
import io.geoingest.cli.file.UploadedFile;
import io.geoingest.cli.http.RetryPolicy;
import io.geoingest.cli.http.Timeouts;
import io.geoingest.cli.http.Transport;
import io.geoingest.cli.stac.StacApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
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
 * A completion the server takes longer over than the client waits: the client gives up waiting,
 * sends it again, and learns from the upload's parts what became of it.
 */
class ChunkedUploadCompletionTest {
    private static final Duration BOUND = Duration.ofMillis(500);
    private static final Duration TEST_LIMIT = Duration.ofSeconds(10);
    private static final String STILL_ASSEMBLING =
            "the server is still assembling a.bin; run the same command again in a while to get its file id";

    @TempDir
    Path work;

    @Test
    void aCompletionThatOutlastsTheWaitReportsTheFileTheServerMade() throws IOException {
        try (LocalServer server = serverWhoseCompletionIsLate("completed")) {
            UploadedFile uploaded = assertTimeoutPreemptively(TEST_LIMIT, () -> upload(server).run());

            assertEquals("f-1", uploaded.fileId());
        }
    }

    @Test
    void aCompletionStillAtWorkAsksToRunTheCommandAgainLater() throws IOException {
        try (LocalServer server = serverWhoseCompletionIsLate("completing")) {
            ChunkedUpload upload = upload(server);

            CliException failure = assertTimeoutPreemptively(TEST_LIMIT, () -> assertThrows(CliException.class, upload::run));

            assertEquals(STILL_ASSEMBLING, failure.getMessage());
            assertEquals(ExitCode.GAVE_UP_WAITING, failure.exitCode(), "the file may yet be made: no failure");
        }
    }

    @Test
    void anUploadStillBeingAssembledWhenTheCommandRunsAgainAsksToRunItLaterStill() throws IOException {
        try (LocalServer server = serverWhoseCompletionIsLate("completing")) {
            ChunkedUpload upload = upload(server);
            assertThrows(CliException.class, upload::run);

            CliException again = assertTimeoutPreemptively(TEST_LIMIT, () -> assertThrows(CliException.class, upload::run));

            assertEquals(STILL_ASSEMBLING, again.getMessage());
            assertEquals(ExitCode.GAVE_UP_WAITING, again.exitCode());
        }
    }

    /** A file smaller than a chunk, as after a direct upload refused with 413, was said to go "in 1 parts of 64.0 MiB". */
    @Test
    void aFileOfOneChunkIsAnnouncedAsOnePart() throws IOException {
        ByteArrayOutputStream notices = new ByteArrayOutputStream();
        try (LocalServer server = serverWhoseCompletionIsLate("completed")) {
            assertTimeoutPreemptively(TEST_LIMIT, () -> upload(server, 64, new PrintStream(notices, true, StandardCharsets.UTF_8)).run());
        }

        assertTrue(notices.toString(StandardCharsets.UTF_8).contains("Uploading a.bin (6 B) in one part\n"), notices.toString(StandardCharsets.UTF_8));
    }

    /** Takes the parts; does not answer the first completion, and refuses the next one as the upload is no longer in progress. */
    private static LocalServer serverWhoseCompletionIsLate(String statusAfterwards) {
        LocalServer server = new LocalServer();
        AtomicInteger completions = new AtomicInteger();
        return server
                .on("/public/file/generateUploadId", LocalServer.json(200, "{\"uploadId\": \"u-1\", \"key\": \"k-1\"}"))
                .on("/public/file/uploadChunk", exchange -> {
                    exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                    LocalServer.answer(exchange, 200, "{}");
                })
                .on("/public/file/completeUpload", exchange -> {
                    if (completions.incrementAndGet() == 1) {
                        server.hold();
                    }
                    LocalServer.answer(exchange, 409, "{\"error\": \"Upload is not in progress\"}");
                })
                .on("/public/file/upload/u-1/parts", LocalServer.json(200, "{\"uploadId\": \"u-1\", \"key\": \"k-1\", \"status\": \""
                        + statusAfterwards + "\", \"parts\": [], \"fileId\": \"f-1\"}"));
    }

    private ChunkedUpload upload(LocalServer server) throws IOException {
        return upload(server, 4, new PrintStream(OutputStream.nullOutputStream()));
    }

    private ChunkedUpload upload(LocalServer server, int chunkSize, PrintStream err) throws IOException {
        Path file = Files.write(work.resolve("a.bin"), new byte[] {1, 2, 3, 4, 5, 6});
        ObjectMapper json = new ObjectMapper();
        Connection connection = new Connection(URI.create(server.url()), Optional.of("k"), Optional.empty());
        Transport transport = new Transport(new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(100)),
                new Timeouts(BOUND, BOUND, 1 << 20), Optional.empty());
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        Session session = new Session(new Environment(Map.of(), work, Optional.empty(), nowhere, err, false), connection, transport, json,
                new FileApi(connection, transport, json), new StacApi(connection, transport, json), false);
        return new ChunkedUpload(session, new UploadStateStore(work.resolve("states"), json), LocalFile.of(file), chunkSize, 1,
                SourceType.UNKNOWN);
    }
}
