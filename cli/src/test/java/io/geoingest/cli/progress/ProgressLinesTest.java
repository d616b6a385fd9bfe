package io.geoingest.cli.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.geoingest.cli.ByteSize;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Standard error redirected to a log (a CI job): a bar there is a line of carriage returns every
 * 250 ms, and nothing at all printed left CI jobs that end silent steps killing long uploads.
 */
class ProgressLinesTest {

    @Test
    void aLineEveryThirtySecondsSaysWhatIsDoneOfTheWholeAndTheRate() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        try (Progress progress = new ProgressLines(new PrintStream(log, true, StandardCharsets.UTF_8), "scene.tif",
                100 * ByteSize.MIB, 10 * ByteSize.MIB, now::get)) {
            for (int second = 1; second <= 60; second++) {
                now.set(TimeUnit.SECONDS.toNanos(second));
                progress.advance(ByteSize.MIB);
            }
        }

        assertEquals(List.of("scene.tif: 40.0 MiB of 100.0 MiB (40%), 1.0 MiB/s",
                "scene.tif: 70.0 MiB of 100.0 MiB (70%), 1.0 MiB/s"), log.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
