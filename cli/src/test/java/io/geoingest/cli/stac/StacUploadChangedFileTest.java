package io.geoingest.cli.stac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.cli.CommandRun;
import io.geoingest.cli.ExitCode;
import io.geoingest.cli.LocalServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stac-upload --gzip} compresses the file the upload started with, or fails: never a mix. */
class StacUploadChangedFileTest {

    @TempDir
    Path work;

    @Test
    void aFileChangedAfterItsSizeWasReadIsNotCompressedAndUploaded() throws IOException {
        Path cube = Files.write(work.resolve("cube.nc"), new byte[3 * 1024 * 1024]);
        try (FakeStac stac = new FakeStac()) {
            // the command read the file's size already when it checks that the asset exists
            stac.asset(exchange -> {
                Files.write(cube, new byte[1024 * 1024], StandardOpenOption.APPEND);
                Files.setLastModifiedTime(cube, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
                LocalServer.answer(exchange, 200, "{\"id\": \"a\"}");
            });

            CommandRun run = CommandRun.of(stac.url(), work, "stac-upload", "cube.nc", "--collection", "c", "--item", "i",
                    "--asset", "a", "--gzip", "--no-wait");

            assertEquals(ExitCode.FAILURE, run.exitCode(), run.err());
            assertEquals("", run.out(), "no upload id");
            assertTrue(run.err().contains("cube.nc changed or was removed during the upload; run the command again to upload"
                    + " it anew"),
                    run.err());
            assertEquals(0, stac.completions.get());
        }
    }
}
