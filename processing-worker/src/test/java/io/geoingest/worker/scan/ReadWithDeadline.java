package io.geoingest.worker.scan;

import io.geoingest.common.file.SourceType;
import io.geoingest.worker.format.FormatReaders;
import io.geoingest.worker.format.FormatReaders.Plan;
import io.geoingest.worker.format.FormatReport;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads one file as the worker does, within a deadline, run on its own (see SmallHeap): a reader
 * stuck in an endless loop goes on in its thread until this JVM ends. Prints the verdict, then how
 * many readers count as stuck a second later.
 */
final class ReadWithDeadline {
    private ReadWithDeadline() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(1024);
        }
        Plan.FromFile plan = (Plan.FromFile) new FormatReaders().plan(args[1], head, file.getFileName().toString(),
                SourceType.UNKNOWN);
        ReadingDeadline deadline = new ReadingDeadline(Duration.parse(args[2]), Duration.ofMillis(500));

        FormatReport report = deadline.read(plan, file);

        System.out.println(report.problem().orElse("read"));
        Thread.sleep(1000);
        System.out.println("stuck " + deadline.stuckReaders().size());
    }
}
