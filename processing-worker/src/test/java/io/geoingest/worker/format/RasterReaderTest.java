package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RasterReaderTest {
    private static final int SIDE = 10_000;

    @TempDir
    Path directory;

    /** 100 MB of pixels in one strip compress to 100 KB: a file this small must not take 100 MB of heap. */
    @Test
    void aTiffWhoseStripIsTooLargeToDecodeIsDescribedFromItsHeader() throws IOException {
        Path file = directory.resolve("one-strip.tif");
        Files.write(file, Tiffs.singleStrip(SIDE));

        FormatReport report = RasterReader.read(file, Format.TIFF, "image/tiff");

        assertEquals(Optional.empty(), report.problem());
        assertEquals(SIDE, report.details().path("width").asInt());
        assertEquals("uint8", report.details().path("dataType").asText());
        assertTrue(report.details().path("note").asText().startsWith("the pixels were not decoded to check them:"
                + " a strip or tile of this image holds 95 MiB"), report.details().toString());
    }

    /** Four 39 MiB strips decoded at once would need a 160 MiB heap; the worker's files share a budget. */
    @Test
    void imagesDecodedInParallelWaitForEachOtherRatherThanExhaustTheHeap() throws Exception {
        String output = SmallHeap.run("128m", Tiffs.class, "6400", "4");

        assertEquals(4, output.lines().filter(line -> line.startsWith("decoded {")).count(), output);
    }
}
