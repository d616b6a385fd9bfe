package io.geoingest.worker.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.file.SourceType;
import io.geoingest.testing.Await;
import io.geoingest.worker.format.DecodingBudget;
import io.geoingest.worker.format.Format;
import io.geoingest.worker.format.FormatReaders;
import io.geoingest.worker.format.FormatReaders.Plan;
import io.geoingest.worker.format.FormatReport;
import io.geoingest.worker.format.SmallHeap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingDeadlineTest {
    private static final Path ANY_COPY = Path.of("copy.bin");

    @TempDir
    Path directory;

    private final ReadingDeadline shortDeadline = new ReadingDeadline(Duration.ofMillis(300), Duration.ofMillis(200));
    /** For readers that end at once: on a busy machine a new thread can take longer than the short deadline to run. */
    private final ReadingDeadline deadline = new ReadingDeadline(Duration.ofSeconds(30), Duration.ofMillis(200));

    /** jj2000 loops for ever in its packet header reader on these 963 bytes, deaf to interruption. */
    @Test
    void aFileThatSendsItsReaderIntoAnEndlessLoopFailsAtTheDeadlineAndTheReaderCountsAsStuck() throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/image-endless-packet.jp2").toURI());

        String output = SmallHeap.run("256m", ReadWithDeadline.class, file.toString(), "image/jp2", "PT2S");

        assertTrue(output.contains("the JPEG 2000 file could not be read within 2 s (geoingest.worker.read-timeout):"
                + " its reader did not finish, which a damaged file can cause"), output);
        assertTrue(output.contains("stuck 1"), output);
    }

    @Test
    void aReaderThatStopsWhenInterruptedDoesNotCountAsStuck() throws Exception {
        FormatReport report = shortDeadline.read(plan(copy -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FormatReport.recognised(Format.TIFF);
        }), ANY_COPY);

        assertTrue(report.problem().orElseThrow().startsWith("the TIFF file could not be read within 0 s"));
        Thread.sleep(400);
        assertEquals(0, shortDeadline.stuckReaders().size());
    }

    @Test
    void aReadersOwnErrorIsItsVerdictButTheJvmsOutOfMemoryStillStopsTheWorker() throws Exception {
        FormatReport report = deadline.read(stoppingWith(new NoClassDefFoundError("jj2000/Missing")), ANY_COPY);

        assertEquals(Optional.of("the TIFF file could not be read: its reader stopped with NoClassDefFoundError"
                + " (jj2000/Missing); it is damaged or uses what the reader cannot decode"), report.problem());
        assertThrows(OutOfMemoryError.class,
                () -> deadline.read(stoppingWith(new OutOfMemoryError("Java heap space")), ANY_COPY));
    }

    /** A parser's bug on a damaged file was retried as a storage fault: the object read 8 times, the event dead-lettered. */
    @Test
    void aReadersRuntimeExceptionIsItsVerdictOnTheFile() throws Exception {
        FormatReport report = deadline.read(stoppingWith(new NegativeArraySizeException("-2147483648")), ANY_COPY);

        assertEquals(Optional.of("the TIFF file could not be read: its reader stopped with NegativeArraySizeException"
                + " (-2147483648); it is damaged or uses what the reader cannot decode"), report.problem());
    }

    @Test
    void aReadersIoFailurePassesThrough() {
        assertThrows(IOException.class, () -> deadline.read(plan(copy -> {
            throw new IOException("disk gone");
        }), ANY_COPY));
    }

    /**
     * A worker busy decoding other files timed a file out (FAILED, "which a damaged file can
     * cause") that had only waited for its turn to decode.
     */
    @Test
    void timeWaitingForOtherFilesToDecodeDoesNotCountTowardTheDeadline() throws Exception {
        Path file = Files.write(directory.resolve("waits.tif"), DecodingBudget.tiffOfALargeStrip());
        Plan.FromFile plan = (Plan.FromFile) new FormatReaders().plan("image/tiff", Files.readAllBytes(file),
                "waits.tif", SourceType.UNKNOWN);
        ReadingDeadline threeSeconds = new ReadingDeadline(Duration.ofSeconds(3), Duration.ofMillis(200));
        CompletableFuture<FormatReport> reading;
        try (DecodingBudget othersDecoding = DecodingBudget.holdAll()) {
            reading = CompletableFuture.supplyAsync(() -> {
                try {
                    return threeSeconds.read(plan, file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Await.until("the reader to wait for its turn to decode", Duration.ofSeconds(30), DecodingBudget::awaited);
            Thread.sleep(4_000);
        }

        FormatReport report = reading.get(30, TimeUnit.SECONDS);
        assertEquals(Optional.empty(), report.problem());
        assertEquals(6_400, report.details().path("width").asInt());
    }

    private static Plan.FromFile stoppingWith(Throwable failure) {
        return plan(copy -> {
            if (failure instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) failure;
        });
    }

    private static Plan.FromFile plan(io.geoingest.worker.format.FormatReaders.FileReader reader) {
        return new Plan.FromFile(Format.TIFF, reader);
    }
}
