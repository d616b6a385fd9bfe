package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /**
     * ERA5's layout: 0.25 degree pixels centred on the poles (and on 0 and 360, or -180 and 180), so the
     * edges lie half a pixel beyond them. Without a footprint no spatial search would find the file.
     */
    @ParameterizedTest
    @ValueSource(strings = {"geotiff-4326-global-0-360.tif", "geotiff-4326-global-180.tif"})
    void aGlobalGridWithPixelCentresOnThePolesCoversTheWholeEarth(String fixture) throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/" + fixture).toURI());

        FormatReport report = RasterReader.read(file, Format.TIFF, "image/tiff");

        assertEquals(Optional.of(new Bounds(-180, -90, 180, 90)), report.wgs84Bounds(), report.details().toString());
        assertEquals("[-180.0,-90.0,180.0,90.0]", report.details().path("bboxWgs84").toString());
    }
}
