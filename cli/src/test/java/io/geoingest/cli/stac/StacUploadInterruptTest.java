package io.geoingest.cli.stac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.cli.ChildCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code stac-upload} stopped on the way says which upload it left open, and how to end it. */
class StacUploadInterruptTest {

    @TempDir
    Path work;

    @Test
    void anInterruptedUploadNamesTheUploadLeftInProgressAndHowToAbortIt() throws Exception {
        Files.write(work.resolve("scene.tif"), new byte[1000]);
        try (FakeStac stac = new FakeStac()) {
            String err = interruptWhileSending(stac, "stac-upload", "scene.tif", "--collection", "c", "--item", "i", "--asset",
                    "a", "--no-wait");

            String upload = stac.url() + FakeStac.ASSET.upload(FakeStac.UPLOAD_ID);
            assertTrue(err.contains("Uploading scene.tif (1000 B) to c/i/a as upload u-1 in one part\n"), err);
            assertTrue(err.contains("Interrupted; upload u-1 of c/i/a was left in progress: abort it (POST " + upload
                    + "/abort), or run the same command again, which aborts it and starts anew\n"), err);
        }
    }

    @Test
    void anInterruptedGzipUploadRemovesItsCompressedCopy() throws Exception {
        Files.write(work.resolve("cube.nc"), new byte[100_000]);
        try (FakeStac stac = new FakeStac()) {
            String err = interruptWhileSending(stac, "stac-upload", "cube.nc", "--collection", "c", "--item", "i", "--asset",
                    "a", "--gzip", "--no-wait");

            try (Stream<Path> left = Files.list(work)) {
                assertEquals(List.of(), left.map(path -> path.getFileName().toString())
                        .filter(name -> name.endsWith(".gz")).toList(), err);
            }
        }
    }

    /** Runs the command until its part goes to storage, and stops it there. */
    private String interruptWhileSending(FakeStac stac, String... args) throws InterruptedException {
        CountDownLatch sending = new CountDownLatch(1);
        stac.storage(exchange -> {
            sending.countDown();
            stac.server.hold();
        });
        ChildCli cli = ChildCli.start(stac.url(), work, args);
        assertTrue(sending.await(30, TimeUnit.SECONDS), "the part never went out");
        return cli.stop();
    }
}
