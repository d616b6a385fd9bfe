package io.geoingest.cli.stac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.cli.CommandRun;
import io.geoingest.cli.ExitCode;
import io.geoingest.cli.LocalServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wait for an asset's file ends when the asset holds another file: its status is no longer this upload's. */
class StacUploadReplacedTest {

    @TempDir
    Path work;

    @Test
    void anAssetReplacedWhileItsFileIsProcessedEndsTheWaitWithExit3() throws IOException {
        Files.write(work.resolve("scene.tif"), new byte[1000]);
        try (FakeStac stac = new FakeStac().asset(LocalServer.json(200,
                "{\"id\": \"a\", \"file:checksum\": \"1220bb\", \"geoingest:status\": \"IN_PROGRESS\"}"))) {
            CommandRun run = CommandRun.of(stac.url(), work, "stac-upload", "scene.tif", "--collection", "c", "--item",
                    "i", "--asset", "a");

            assertEquals(ExitCode.GAVE_UP_WAITING, run.exitCode(), run.err());
            assertEquals("u-1", run.out().strip());
            assertTrue(run.err().contains("geoingest: asset c/i/a holds another file now (file:checksum 1220bb, not 1220"),
                    run.err());
        }
    }
}
