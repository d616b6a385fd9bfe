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
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file written to while it goes in one request: the server makes a file of whatever it got, and
 * the user is told not to take that file for theirs.
 */
class DirectUploadChangedFileTest {

    @TempDir
    Path work;

    @Test
    void aFileChangedDuringItsDirectUploadFailsNamingTheFileMadeOfIt() throws IOException {
        Path scene = Files.write(work.resolve("scene.bin"), new byte[3000]);
        try (LocalServer server = new LocalServer().on("/public/file/upload", exchange -> {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            Files.write(scene, new byte[10], StandardOpenOption.APPEND);
            Files.setLastModifiedTime(scene, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
            LocalServer.answer(exchange, 200, "{\"fileId\": \"f-1\", \"originalName\": \"scene.bin\", \"size\": 3000}");
        })) {
            CommandRun run = CommandRun.of(server.url(), work, "upload", "scene.bin", "--no-wait");

            String errors = run.err();
            assertEquals(ExitCode.FAILURE, run.exitCode(), errors);
            assertEquals("", run.out(), "no file id for scripts to take");
            assertTrue(errors.contains(scene.toRealPath() + " changed or was removed during the upload, so file f-1 was made"
                    + " from a file that was being changed: do not use it; upload the file again once it no longer changes"), errors);
        }
    }
}
