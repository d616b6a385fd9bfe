package io.geoingest.cli.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.cli.CommandRun;
import io.geoingest.cli.ExitCode;
import io.geoingest.cli.LocalServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose limit for one request is lower than {@code --direct-limit} (started with
 * {@code GEOINGEST_UPLOAD_DIRECT_MAX_SIZE=1M}, say) refuses the direct upload with a 413 before it
 * stores anything: the client sends the same file in chunks.
 */
class DirectUploadTooLargeTest {

    @TempDir
    Path work;

    @Test
    void aFileTheServerRefusesInOneRequestGoesInChunks() throws IOException {
        Files.write(work.resolve("scene.bin"), new byte[3000]);
        AtomicInteger directUploads = new AtomicInteger();
        AtomicInteger completions = new AtomicInteger();
        try (LocalServer server = new LocalServer()
                .on("/public/file/upload", exchange -> {
                    directUploads.incrementAndGet();
                    exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                    LocalServer.answer(exchange, 413, "{\"error\": \"The file is too large: a direct upload may be at"
                            + " most 1.0 KiB; upload larger files in chunks (generateUploadId, uploadChunk, completeUpload)\"}");
                })
                .on("/public/file/generateUploadId", LocalServer.json(200, "{\"uploadId\": \"u-1\", \"key\": \"k-1\"}"))
                .on("/public/file/uploadChunk", exchange -> {
                    exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                    LocalServer.answer(exchange, 200, "{}");
                })
                .on("/public/file/completeUpload", exchange -> {
                    completions.incrementAndGet();
                    exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                    LocalServer.answer(exchange, 200, "{\"fileId\": \"f-1\", \"originalName\": \"scene.bin\", \"size\": 3000}");
                })) {
            CommandRun run = CommandRun.of(server.url(), work, "upload", "scene.bin", "--no-wait", "--chunk-size", "1KiB");

            String errors = run.err();
            assertEquals(ExitCode.OK, run.exitCode(), errors);
            assertEquals("f-1", run.out().strip());
            assertTrue(errors.startsWith("The server refused scene.bin (2.9 KiB) in one request as too large (HTTP 413);"
                    + " uploading it in chunks instead (a lower --direct-limit skips the first try)\n"), errors);
            assertEquals(1, directUploads.get(), "the refused request is not sent again");
            assertEquals(1, completions.get());
        }
    }
}
