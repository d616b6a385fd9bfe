package io.geoingest.cli.upload;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.cli.ChildCli;
import io.geoingest.cli.LocalServer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A chunked upload stopped on the way names the upload it left on the server: to resume, or to remove. */
class ChunkedUploadInterruptTest {

    @TempDir
    Path work;

    @Test
    void anInterruptedUploadNamesTheUploadAndHowToAbortIt() throws Exception {
        Files.write(work.resolve("a.bin"), new byte[3000]);
        CountDownLatch sending = new CountDownLatch(1);
        try (LocalServer server = new LocalServer()) {
            server.on("/public/file/generateUploadId", LocalServer.json(200, "{\"uploadId\": \"u-1\", \"key\": \"k-1\"}"))
                    .on("/public/file/uploadChunk", exchange -> {
                        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                        sending.countDown();
                        server.hold();
                    });
            ChildCli cli = ChildCli.start(server.url(), work, "upload", "a.bin", "--chunk-size", "1KiB", "--direct-limit",
                    "1KiB", "--no-wait");
            assertTrue(sending.await(30, TimeUnit.SECONDS), "no part went out");

            String err = cli.stop();

            assertTrue(err.contains("Interrupted; upload u-1 of a.bin stays on the server: run the same command again to"
                    + " resume it, or abort it (DELETE " + server.url() + "/public/file/upload/u-1); left alone, the server"
                    + " removes it once it has been idle for its abandon-after age (24 h by default)\n"), err);
        }
    }
}
