package io.geoingest.cli.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpHandler;
import io.geoingest.cli.ChildCli;
import io.geoingest.cli.LocalServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunked upload stopped on the way names the upload it left on the server: to resume, or to
 * remove; stopped while the server completes it, how to get its file id.
 */
class ChunkedUploadInterruptTest {

    @TempDir
    Path work;

    @Test
    void anInterruptedUploadNamesTheUploadAndHowToAbortIt() throws Exception {
        try (LocalServer server = new LocalServer()) {
            String err = interruptAt(server, "/public/file/uploadChunk");

            assertTrue(err.contains("Interrupted; upload u-1 of a.bin stays on the server: run the same command again to"
                    + " resume it, or abort it (DELETE " + server.url() + "/public/file/upload/u-1); left alone, the server"
                    + " removes it once it has been idle for its abandon-after age (24 h by default)\n"), err);
        }
    }

    @Test
    void anUploadInterruptedWhileTheServerCompletesItSaysToRunTheCommandAgainForItsFileId() throws Exception {
        try (LocalServer server = new LocalServer()) {
            String err = interruptAt(server, "/public/file/completeUpload");

            assertTrue(err.contains("Interrupted while the server completes upload u-1 of a.bin: run the same command again"
                    + " for its file id\n"), err);
            assertFalse(err.contains("DELETE"), "a DELETE is refused while the server completes the upload: " + err);
        }
    }

    @Test
    void anInterruptedUploadKeepsTheMd5OfThePartsTheServerTookForTheResume() throws Exception {
        try (LocalServer server = new LocalServer()) {
            String err = interruptAt(server, "/public/file/uploadChunk", 2);

            Path state;
            try (Stream<Path> states = Files.list(work.resolve("state"))) {
                state = states.filter(path -> path.toString().endsWith(".json")).findFirst().orElseThrow();
            }
            assertEquals(Set.of(1), new ObjectMapper().readValue(state.toFile(), UploadState.class).sentParts().keySet(),
                    err);
        }
    }

    private String interruptAt(LocalServer server, String path) throws IOException, InterruptedException {
        return interruptAt(server, path, 1);
    }

    /**
     * Runs a chunked upload of a.bin, one part at a time, until the {@code nth} request reaches
     * {@code path}, and stops it there; the requests before it are answered.
     */
    private String interruptAt(LocalServer server, String path, int nth) throws IOException, InterruptedException {
        Files.write(work.resolve("a.bin"), new byte[3000]);
        CountDownLatch reached = new CountDownLatch(1);
        AtomicInteger requests = new AtomicInteger();
        HttpHandler takeChunk = exchange -> {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            LocalServer.answer(exchange, 200, "{}");
        };
        HttpHandler hold = exchange -> {
            if (requests.incrementAndGet() < nth) {
                takeChunk.handle(exchange);
                return;
            }
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            reached.countDown();
            server.hold();
        };
        String chunks = "/public/file/uploadChunk";
        server.on("/public/file/generateUploadId", LocalServer.json(200, "{\"uploadId\": \"u-1\", \"key\": \"k-1\"}"))
                .on(chunks, path.equals(chunks) ? hold : takeChunk);
        if (!path.equals(chunks)) {
            server.on(path, hold);
        }
        ChildCli cli = ChildCli.start(server.url(), work, "upload", "a.bin", "--chunk-size", "1KiB", "--parallel", "1",
                "--direct-limit", "1KiB", "--no-wait");
        assertTrue(reached.await(30, TimeUnit.SECONDS), "no request reached " + path);
        return cli.stop();
    }
}
