package io.geoingest.cli.stac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.cli.CommandRun;
import io.geoingest.cli.ExitCode;
import io.geoingest.cli.LocalServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A completion that failed without a clear answer may have reached the server and joined the file:
 * the upload is never aborted then, which could remove the object it made; its status says what
 * became of it. One the server refused outright is aborted.
 */
class StacUploadCompletionTest {
    private static final String FAILED_COMPLETION = "{\"code\": 500, \"description\": \"Internal server error\"}";
    private static final String IN_PROGRESS = "{\"upload_id\": \"u-1\", \"status\": \"in-progress\", \"urls\": []}";

    @TempDir
    Path work;

    @Test
    void aFailedCompletionWhoseUploadCompletedIsASuccess() throws IOException {
        try (FakeStac stac = new FakeStac().complete(LocalServer.json(500, FAILED_COMPLETION))
                .upload(LocalServer.json(200, "{\"upload_id\": \"u-1\", \"status\": \"completed\"}"))) {
            CommandRun run = upload(stac);

            assertEquals(ExitCode.OK, run.exitCode(), run.err());
            assertEquals("u-1", run.out().strip());
            assertEquals(0, stac.aborts.get(), "the completed upload was aborted");
        }
    }

    @Test
    void aFailedCompletionWhoseUploadIsStillInProgressIsLeftAloneWithExit3() throws IOException {
        try (FakeStac stac = new FakeStac().complete(LocalServer.json(500, FAILED_COMPLETION))
                .upload(LocalServer.json(200, IN_PROGRESS))) {
            CommandRun run = upload(stac);

            assertEquals(ExitCode.GAVE_UP_WAITING, run.exitCode(), run.err());
            assertEquals(0, stac.aborts.get(), "an upload perhaps still completing was aborted");
            assertEquals(2, stac.completions.get(), "the completion was not sent once more");
            String upload = stac.url() + FakeStac.ASSET.upload(FakeStac.UPLOAD_ID);
            assertTrue(run.err().endsWith("; upload u-1 of c/i/a is still in progress, and may still be completing: see GET "
                    + upload + " later; one that stays in progress is aborted by POST " + upload + "/abort, or by the same"
                    + " command run again, which then starts anew\n"), run.err());
        }
    }

    @Test
    void aCompletionThatFailedWithA5xxAndFoundTheUploadInProgressIsSentAgain() throws IOException {
        AtomicInteger completions = new AtomicInteger();
        try (FakeStac stac = new FakeStac().complete(exchange -> {
            if (completions.incrementAndGet() == 1) {
                LocalServer.answer(exchange, 500, FAILED_COMPLETION);
            } else {
                LocalServer.answer(exchange, 200, "{\"upload_id\": \"u-1\", \"status\": \"completed\"}");
            }
        }).upload(LocalServer.json(200, IN_PROGRESS))) {
            CommandRun run = upload(stac);

            assertEquals(ExitCode.OK, run.exitCode(), run.err());
            assertEquals("u-1", run.out().strip());
            assertEquals(2, completions.get());
            assertEquals(0, stac.aborts.get(), "an upload perhaps still completing was aborted");
        }
    }

    @Test
    void aCompletionTheServerRefusedWithA4xxAbortsTheUploadWithExit1() throws IOException {
        try (FakeStac stac = new FakeStac().complete(LocalServer.json(400,
                "{\"code\": 400, \"description\": \"parts has 1 parts but the upload has 2 (number_parts)\"}"))
                .upload(LocalServer.json(200, IN_PROGRESS))) {
            CommandRun run = upload(stac);

            assertEquals(ExitCode.FAILURE, run.exitCode(), run.err());
            assertEquals(1, stac.aborts.get(), "the refused upload was left open");
            assertEquals(1, stac.completions.get(), "a refused completion was sent again");
            assertTrue(run.err().endsWith("parts has 1 parts but the upload has 2 (number_parts) (HTTP 400); upload u-1"
                    + " was aborted\n"), run.err());
        }
    }

    private CommandRun upload(FakeStac stac) throws IOException {
        Files.write(work.resolve("scene.tif"), new byte[1000]);
        return CommandRun.of(stac.url(), work, "stac-upload", "scene.tif", "--collection", "c", "--item", "i", "--asset",
                "a", "--no-wait");
    }
}
