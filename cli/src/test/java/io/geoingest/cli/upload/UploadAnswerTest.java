package io.geoingest.cli.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.geoingest.cli.CommandRun;
import io.geoingest.cli.ExitCode;
import io.geoingest.cli.LocalServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upload's answer must name the file it made: a script takes what the command prints for its id. */
class UploadAnswerTest {

    @TempDir
    Path work;

    @Test
    void anAnswerWithoutAFileIdIsAFailureNotNull() throws IOException {
        Files.write(work.resolve("scene.bin"), new byte[100]);
        try (LocalServer server = new LocalServer().on("/public/file/upload", exchange -> {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            LocalServer.answer(exchange, 200, "{\"originalName\": \"scene.bin\", \"size\": 100}");
        })) {
            CommandRun run = CommandRun.of(server.url(), work, "upload", "scene.bin", "--no-wait");

            assertEquals(ExitCode.FAILURE, run.exitCode(), run.err());
            assertEquals("", run.out());
            assertEquals("geoingest: upload of scene.bin: the server's answer names no fileId, which the API promises; the"
                    + " server may have made a file of it all the same: see its files before uploading it again",
                    run.err().strip());
        }
    }
}
