package io.geoingest.cli.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.cli.Environment;
import io.geoingest.cli.ExitCode;
import io.geoingest.cli.GeoIngest;
import io.geoingest.cli.LocalServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose chunk limit ({@code geoingest.upload.chunk-max-size}) is lower than
 * {@code --chunk-size} refuses the parts with a 413: running the same command again would send the
 * same parts, so the client says which chunk size the server takes, and that size then works.
 */
class ChunkTooLargeTest {
    /** What the upload-service says of a chunk over a limit of 2 KiB (RequestSizeLimits.chunkTooLarge). */
    private static final String REFUSAL =
            "{\"error\": \"The chunk is too large: a chunk may be at most 2 KiB (2048 bytes)\"}";
    /** Room for the multipart framing around a chunk, as the upload-service allows it. */
    private static final int FORM_OVERHEAD = 1024;

    @TempDir
    Path work;

    @Test
    void aChunkOverTheServersLimitIsAdvisedTheChunkSizeTheServerTakes() throws IOException {
        Files.write(work.resolve("scene.bin"), new byte[6000]);
        AtomicInteger starts = new AtomicInteger();
        List<String> aborted = new CopyOnWriteArrayList<>();
        try (LocalServer server = serverWithAChunkLimitOf2KiB(starts, aborted)) {
            Map<String, String> variables = Map.of("GEOINGEST_URL", server.url(), "GEOINGEST_API_KEY", "k");

            Result refused = run(variables, "4KiB");
            Result again = run(variables, "2KiB");

            assertEquals(ExitCode.FAILURE, refused.exitCode(), refused.err());
            assertTrue(refused.err().strip().endsWith("The chunk is too large: a chunk may be at most 2 KiB (2048 bytes)"
                    + " (HTTP 413); the server takes chunks of at most 2.0 KiB: run the same command again with"
                    + " --chunk-size 2KiB or less (the upload then starts anew)"), refused.err());
            assertEquals(ExitCode.OK, again.exitCode(), again.err());
            assertEquals("f-1", again.out().strip());
            assertEquals(2, starts.get(), "the upload with parts the server refuses is not resumed");
            assertEquals(List.of("/public/file/upload/u-1"), aborted, "the upload not to be resumed is aborted");
        }
    }

    /** Counts the uploads started in {@code starts}, and names them by that count; keeps the paths of aborts. */
    private static LocalServer serverWithAChunkLimitOf2KiB(AtomicInteger starts, List<String> aborted) {
        return new LocalServer()
                .on("/public/file/upload/", exchange -> {
                    if (exchange.getRequestMethod().equals("DELETE")) {
                        aborted.add(exchange.getRequestURI().getPath());
                    }
                    LocalServer.answer(exchange, 204, "");
                })
                .on("/public/file/generateUploadId", exchange -> LocalServer.answer(exchange, 200,
                        "{\"uploadId\": \"u-" + starts.incrementAndGet() + "\", \"key\": \"k\"}"))
                .on("/public/file/uploadChunk", exchange -> {
                    int length = exchange.getRequestBody().readAllBytes().length;
                    if (length > 2048 + FORM_OVERHEAD) {
                        LocalServer.answer(exchange, 413, REFUSAL);
                    } else {
                        LocalServer.answer(exchange, 200, "{}");
                    }
                })
                .on("/public/file/completeUpload", exchange -> {
                    exchange.getRequestBody().readAllBytes();
                    LocalServer.answer(exchange, 200, "{\"fileId\": \"f-1\", \"originalName\": \"scene.bin\", \"size\": 6000}");
                });
    }

    private Result run(Map<String, String> variables, String chunkSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Environment environment = new Environment(variables, work, Optional.empty(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        int exitCode = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> GeoIngest.run(environment, "upload",
                "scene.bin", "--no-wait", "--direct-limit", "1KiB", "--parallel", "1", "--chunk-size", chunkSize));
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String out, String err) {
    }
}
