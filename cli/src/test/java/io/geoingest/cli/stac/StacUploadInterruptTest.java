package io.geoingest.cli.stac;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.cli.ChildCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code stac-upload} stopped on the way says which upload it left open, and how to end it. */
class StacUploadInterruptTest {

    @TempDir
    Path work;

    @Test
    void anInterruptedUploadNamesTheUploadLeftInProgressAndHowToAbortIt() throws Exception {
        Files.write(work.resolve("scene.tif"), new byte[1000]);
        CountDownLatch sending = new CountDownLatch(1);
        try (FakeStac stac = new FakeStac()) {
            stac.storage(exchange -> {
                sending.countDown();
                stac.server.hold();
            });
            ChildCli cli = ChildCli.start(stac.url(), work, "stac-upload", "scene.tif", "--collection", "c", "--item", "i",
                    "--asset", "a", "--no-wait");
            assertTrue(sending.await(30, TimeUnit.SECONDS), "the part never went out");

            String err = cli.stop();

            String upload = stac.url() + FakeStac.ASSET.upload(FakeStac.UPLOAD_ID);
            assertTrue(err.contains("Uploading scene.tif (1000 B) to c/i/a as upload u-1 in one part\n"), err);
            assertTrue(err.contains("Interrupted; upload u-1 of c/i/a was left in progress: abort it (POST " + upload
                    + "/abort), or run the same command again, which aborts it and starts anew\n"), err);
        }
    }
}
