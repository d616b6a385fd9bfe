package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CloudOptimizedLayoutTest {

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
}
