package io.geoingest.cli.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpHandler;
import io.geoingest.cli.CommandRun;
import io.geoingest.cli.ExitCode;
import io.geoingest.cli.LocalServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a chunked upload keeps of the parts it sent, for a resume to check them against the file. */
class RecordSentPartsTest {
    private static final int PART = 1024;

    @TempDir
    Path work;

    @Test
    void partsSentInParallelAreAllRecordedWithTheirMd5() throws IOException, NoSuchAlgorithmException {
        byte[] content = new byte[20 * PART];
        new Random(7).nextBytes(content);
        Files.write(work.resolve("a.bin"), content);
        try (LocalServer server = chunkServer(() -> { }, LocalServer.json(400, "{\"error\": \"not now\"}"))) {
            CommandRun run = CommandRun.of(server.url(), work, "upload", "a.bin", "--chunk-size", "1KiB", "--parallel",
                    "4", "--direct-limit", "1KiB", "--no-wait");
            assertEquals(ExitCode.FAILURE, run.exitCode(), run.err());
        }

        Path state;
        try (Stream<Path> states = Files.list(work.resolve(".geoingest/cli-uploads"))) {
            state = states.filter(path -> path.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        Map<Integer, String> expected = new HashMap<>();
        for (int part = 1; part <= 20; part++) {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(Arrays.copyOfRange(content, (part - 1) * PART, part * PART));
            expected.put(part, Base64.getEncoder().encodeToString(md5));
        }
        assertEquals(expected, new ObjectMapper().readValue(state.toFile(), UploadState.class).sentParts());
    }

    @Test
    void aStateThatCannotBeSavedAnyMoreDoesNotFailTheUpload() throws IOException {
        Files.write(work.resolve("a.bin"), new byte[3 * PART]);
        Path states = work.resolve(".geoingest/cli-uploads");
        AtomicBoolean blocked = new AtomicBoolean();
        try (LocalServer server = chunkServer(() -> {
            if (!blocked.getAndSet(true)) {
                // a file where the folder of states was: no state can be saved there now
                try (Stream<Path> saved = Files.list(states)) {
                    for (Path path : saved.toList()) {
                        Files.delete(path);
                    }
                }
                Files.delete(states);
                Files.write(states, new byte[0]);
            }
        }, exchange -> {
            Files.delete(states);
            LocalServer.answer(exchange, 200, "{\"fileId\": \"f-1\", \"originalName\": \"a.bin\", \"size\": 3072}");
        })) {
            CommandRun run = CommandRun.of(server.url(), work, "upload", "a.bin", "--chunk-size", "1KiB", "--parallel",
                    "1", "--direct-limit", "1KiB", "--no-wait");

            assertEquals(ExitCode.OK, run.exitCode(), run.err());
            assertEquals("f-1", run.out().strip());
            assertTrue(blocked.get());
        }
    }

    private interface ChunkHook {
        void run() throws IOException;
    }

    /** A server of chunked uploads that takes every chunk, after {@code onChunk}, and completes with {@code complete}. */
    private static LocalServer chunkServer(ChunkHook onChunk, HttpHandler complete) {
        return new LocalServer()
                .on("/public/file/generateUploadId", LocalServer.json(200, "{\"uploadId\": \"u-1\", \"key\": \"k-1\"}"))
                .on("/public/file/uploadChunk", exchange -> {
                    exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                    onChunk.run();
                    LocalServer.answer(exchange, 200, "{}");
                })
                .on("/public/file/completeUpload", exchange -> {
                    exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                    complete.handle(exchange);
                });
    }
}
