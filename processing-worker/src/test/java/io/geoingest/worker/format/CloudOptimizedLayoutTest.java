package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudOptimizedLayoutTest {
    private static final int TIFF_SHORT = 3;
    private static final int TIFF_LONG = 4;

    /**
     * The answer of GDAL 3.6's {@code validate_cloud_optimized_geotiff.py} for each file: a COG GDAL
     * wrote (tiled, overviews, directories first), overviews added after the data (their data
     * lies after the full resolution's), 1,440-pixel strips, and small files GDAL writes with their
     * one directory right after the header, which it takes for COGs too.
     */
    @ParameterizedTest
    @CsvSource({
        "geotiff-4326-cog.tif, true",
        "geotiff-4326-tiled-overviews-after.tif, false",
        "geotiff-4326-global-0-360.tif, false",
        "geotiff-4326.tif, true",
        "geotiff-32632-bigtiff.tif, true",
        "geotiff-4326-8200-strips.tif, true",
        "sar-cint16.tif, true"})
    void agreesWithGdalsValidator(String fixture, boolean cloudOptimized) throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/" + fixture).toURI());
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            assertEquals(cloudOptimized, TiffTags.read(input).orElseThrow().cloudOptimized());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "geotiff-4326-cog.tif, Cloud Optimized GeoTIFF, image/tiff; application=geotiff; profile=cloud-optimized",
        "geotiff-4326-tiled-overviews-after.tif, GeoTIFF, image/tiff; application=geotiff"})
    void aCloudOptimizedGeoTiffIsTypedAsStacTypesOne(String fixture, String title, String mediaType) throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/" + fixture).toURI());

        FormatReport report = RasterReader.read(file, Format.TIFF, "image/tiff");

        assertEquals(title, report.format().title());
        assertEquals(Optional.of(mediaType), report.format().mediaType());
        assertEquals(1024, report.details().path("width").asInt());
        assertEquals(title.startsWith("Cloud"), report.details().path("cloudOptimized").asBoolean());
    }

    /**
     * A COG of 2.25 million tiles (a 24,000 x 24,000 scene of 16-pixel tiles) in a 64 MB heap, a
     * busy worker's share: its tile offsets and byte counts, 18 MB in the file, were copied again
     * and again as numbers (to check the layout, the end of the data, and absent tiles), over 70 MB
     * at once, and the worker ran out of memory.
     */
    @Test
    void theTilesOfALargeCogAreCheckedWithoutCopies(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("many-tiles.tif");
        writeTiledTiff(file, 1500);

        String output = SmallHeap.run("64m", ReadTiffTags.class, file.toString());

        assertEquals("true false false", output.strip(), "cloud-optimized, no data beyond its end, no absent tile");
    }

    /**
     * A classic little-endian TIFF of {@code side} x {@code side} tiles of 16 x 16 bytes, whose tile
     * offsets all point to one tile of zeros after its directory and arrays.
     */
    private static void writeTiledTiff(Path file, int side) throws IOException {
        int tiles = side * side;
        int entries = 10;
        int directoryEnd = 8 + 2 + entries * 12 + 4;
        int offsetsAt = directoryEnd;
        int countsAt = offsetsAt + tiles * 4;
        int tileAt = countsAt + tiles * 4;
        ByteBuffer tiff = ByteBuffer.allocate(tileAt + 256).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).putShort((short) entries);
        entry(tiff, BaselineTIFFTagSet.TAG_IMAGE_WIDTH, TIFF_LONG, 1, side * 16);
        entry(tiff, BaselineTIFFTagSet.TAG_IMAGE_LENGTH, TIFF_LONG, 1, side * 16);
        entry(tiff, BaselineTIFFTagSet.TAG_BITS_PER_SAMPLE, TIFF_SHORT, 1, 8);
        entry(tiff, BaselineTIFFTagSet.TAG_COMPRESSION, TIFF_SHORT, 1, BaselineTIFFTagSet.COMPRESSION_NONE);
        entry(tiff, BaselineTIFFTagSet.TAG_PHOTOMETRIC_INTERPRETATION, TIFF_SHORT, 1, 1);
        entry(tiff, BaselineTIFFTagSet.TAG_SAMPLES_PER_PIXEL, TIFF_SHORT, 1, 1);
        entry(tiff, BaselineTIFFTagSet.TAG_TILE_WIDTH, TIFF_SHORT, 1, 16);
        entry(tiff, BaselineTIFFTagSet.TAG_TILE_LENGTH, TIFF_SHORT, 1, 16);
        entry(tiff, BaselineTIFFTagSet.TAG_TILE_OFFSETS, TIFF_LONG, tiles, offsetsAt);
        entry(tiff, BaselineTIFFTagSet.TAG_TILE_BYTE_COUNTS, TIFF_LONG, tiles, countsAt);
        tiff.putInt(0);
        for (int i = 0; i < tiles; i++) {
            tiff.putInt(tileAt);
        }
        for (int i = 0; i < tiles; i++) {
            tiff.putInt(256);
        }
        Files.write(file, tiff.array());
    }

    private static void entry(ByteBuffer tiff, int tag, int type, int count, int value) {
        tiff.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == TIFF_SHORT && count == 1) {
            tiff.putShort((short) value).putShort((short) 0);
        } else {
            tiff.putInt(value);
        }
    }
}
