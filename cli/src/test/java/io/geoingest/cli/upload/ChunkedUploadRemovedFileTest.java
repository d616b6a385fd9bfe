package io.geoingest.cli.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpHandler;
import io.geoingest.cli.CommandRun;
import io.geoingest.cli.ExitCode;
import io.geoingest.cli.LocalServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file removed or cut short during its upload is a failed upload: not a wrong call, nor a
 * broken connection to try again.
 */
class ChunkedUploadRemovedFileTest {

    @TempDir
    Path work;

    @Test
    void aFileRemovedDuringTheUploadFailsWithExit1AndAbortsTheUpload() throws IOException {
        Path file = Files.write(work.resolve("a.bin"), new byte[3000]);
        AtomicInteger aborts = new AtomicInteger();
        try (LocalServer server = new LocalServer()
                .on("/public/file/generateUploadId", LocalServer.json(200, "{\"uploadId\": \"u-1\", \"key\": \"k-1\"}"))
                .on("/public/file/upload/u-1", countingAborts(aborts))
                .on("/public/file/uploadChunk", exchange -> {
                    exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                    Files.delete(file);
                    LocalServer.answer(exchange, 200, "{}");
                })) {
            CommandRun run = CommandRun.of(server.url(), work, "upload", "a.bin", "--chunk-size", "4KiB", "--direct-limit",
                    "1KiB", "--no-wait");

            assertEquals(ExitCode.FAILURE, run.exitCode(), run.err());
            assertTrue(run.err().contains("a.bin changed or was removed during the upload"), run.err());
            assertEquals(1, aborts.get(), "the upload the next run would leave behind is aborted");
        }
    }

    @Test
    void aFileCutShortDuringTheUploadFailsAtOnceSayingSoAndAbortsTheUpload() throws IOException {
        Path file = Files.write(work.resolve("a.bin"), new byte[3000]);
        AtomicInteger aborts = new AtomicInteger();
        try (LocalServer server = new LocalServer()
                .on("/public/file/generateUploadId", exchange -> {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.truncate(1000);
                    }
                    LocalServer.answer(exchange, 200, "{\"uploadId\": \"u-1\", \"key\": \"k-1\"}");
                })
                .on("/public/file/upload/u-1", countingAborts(aborts))
                .on("/public/file/uploadChunk", exchange -> {
                    exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                    LocalServer.answer(exchange, 200, "{}");
                })) {
            CommandRun run = CommandRun.of(server.url(), work, "upload", "a.bin", "--chunk-size", "2KiB", "--parallel",
                    "1", "--direct-limit", "1KiB", "--no-wait");

            assertEquals(ExitCode.FAILURE, run.exitCode(), run.err());
            assertEquals("geoingest: cannot read " + file.toAbsolutePath() + ": it ended early: it was changed during the"
                    + " upload", run.err().lines().reduce((first, last) -> last).orElse(""), run.err());
            assertEquals(1, aborts.get(), "the upload that cannot be resumed was left on the server");
            Path states = work.resolve(".geoingest/cli-uploads");
            try (Stream<Path> left = Files.list(states)) {
                assertEquals(List.of(), left.toList(), "the state of the upload was kept");
            }
        }
    }

    /** Answers the upload's DELETE (its abort), counting them. */
    private static HttpHandler countingAborts(AtomicInteger aborts) {
        return exchange -> {
            if (exchange.getRequestMethod().equals("DELETE")) {
                aborts.incrementAndGet();
            }
            LocalServer.answer(exchange, 204, "");
        };
    }
}
