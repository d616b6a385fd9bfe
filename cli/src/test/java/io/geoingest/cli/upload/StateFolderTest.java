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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A working directory that cannot hold the upload states (read-only, or a CI checkout owned by
 * another user): a chunked upload failed after it had started an upload on the server.
 */
class StateFolderTest {

    @TempDir
    Path work;

    @Test
    void statesGoToTheUsersStateFolderWhenTheWorkingDirectoryCannotHoldThem() throws IOException {
        // a file where the folder of states would go: it cannot be made, as in a read-only directory
        Files.writeString(work.resolve(".geoingest"), "");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (LocalServer server = server(seen, work.resolve("xdg/geoingest/cli-uploads"))) {
            Result result = run(server, "XDG_STATE_HOME", work.resolve("xdg").toString());

            assertEquals(ExitCode.OK, result.exitCode(), result.err());
            assertEquals("f-1", result.out().strip());
            assertTrue(seen.contains("a state was saved while the parts went"), seen.toString());
        }
    }

    @Test
    void aStateFolderThatCannotBeWrittenEndsTheCommandBeforeTheServerHearsOfTheUpload() throws IOException {
        Files.writeString(work.resolve("blocked"), "");
        try (LocalServer server = server(new CopyOnWriteArrayList<>(), work.resolve("blocked/states"))) {
            Result result = run(server, "GEOINGEST_STATE_DIR", "blocked/states");

            assertEquals(ExitCode.FAILURE, result.exitCode(), result.err());
            assertEquals("geoingest: cannot save upload states in " + work.resolve("blocked/states") + ", which a chunked"
                    + " upload needs to resume: set GEOINGEST_STATE_DIR to a folder you can write to",
                    result.err().strip().lines().reduce((first, second) -> second).orElse(""));
            assertEquals(0, server.requests(), "an upload nothing can resume was started on the server");
        }
    }

    private static LocalServer server(List<String> seen, Path states) {
        return new LocalServer()
                .on("/public/file/generateUploadId", LocalServer.json(200, "{\"uploadId\": \"u-1\", \"key\": \"k\"}"))
                .on("/public/file/uploadChunk", exchange -> {
                    exchange.getRequestBody().readAllBytes();
                    try (var saved = Files.list(states)) {
                        if (saved.findAny().isPresent()) {
                            seen.add("a state was saved while the parts went");
                        }
                    }
                    LocalServer.answer(exchange, 200, "{}");
                })
                .on("/public/file/completeUpload", exchange -> {
                    exchange.getRequestBody().readAllBytes();
                    LocalServer.answer(exchange, 200, "{\"fileId\": \"f-1\", \"originalName\": \"scene.bin\", \"size\": 3000}");
                });
    }

    /** Uploads a file of 3 parts, with {@code variable} set beside the server and key. */
    private Result run(LocalServer server, String variable, String value) throws IOException {
        Files.write(work.resolve("scene.bin"), new byte[3000]);
        Map<String, String> variables = Map.of("GEOINGEST_URL", server.url(), "GEOINGEST_API_KEY", "k", variable, value);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Environment environment = new Environment(variables, work, Optional.empty(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        int exitCode = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> GeoIngest.run(environment, "upload",
                "scene.bin", "--no-wait", "--direct-limit", "1KiB", "--chunk-size", "1KiB", "--parallel", "1"));
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String out, String err) {
    }
}
