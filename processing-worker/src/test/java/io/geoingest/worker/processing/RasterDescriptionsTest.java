package io.geoingest.worker.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.geoingest.common.file.SourceType;
import io.geoingest.worker.catalog.Completion;
import io.geoingest.worker.claim.Claim;
import io.geoingest.worker.format.Bounds;
import io.geoingest.worker.format.FormatReaders;
import io.geoingest.worker.format.FormatReport;
import io.geoingest.worker.scan.ContentFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a raster's metadata and catalog entry show, from GeoTIFFs GDAL wrote (fixtures/README.md):
 * the item's box and geometry, and its asset's {@code raster:bands} (STAC raster extension v1.1).
 */
class RasterDescriptionsTest {

    /** A Sentinel-1 scene over the Aleutians had the box of all longitudes but its own, and every search found it. */
    @Test
    void groundControlPointsAcrossTheAntimeridianPlaceTheItemAcrossIt() throws Exception {
        Completion described = described("geotiff-4326-gcps-antimeridian.tif");

        assertEquals(Optional.of(new Bounds(179.3, 51, -179.5, 52.2)), described.entry().bbox());
        assertEquals("[179.3,51.0,-179.5,52.2]", described.metadata().path("bbox").toString());
        assertEquals("{\"type\":\"MultiPolygon\",\"coordinates\":["
                + "[[[179.3,51.0],[180.0,51.0],[180.0,52.2],[179.3,52.2],[179.3,51.0]]],"
                + "[[[-180.0,51.0],[-179.5,51.0],[-179.5,52.2],[-180.0,52.2],[-180.0,51.0]]]]}",
                described.entry().geometry().orElseThrow().toString());
    }

    /** GDAL's scale, offset and unit of each band, which tell what the stored integers measure. */
    @Test
    void eachBandHasTheScaleOffsetAndUnitGdalGaveIt() throws Exception {
        Completion described = described("geotiff-4326-scale-offset.tif");

        assertEquals("[{\"data_type\":\"int16\",\"scale\":1.0E-4,\"offset\":-0.2,\"unit\":\"metre\"},"
                + "{\"data_type\":\"int16\",\"scale\":0.5,\"offset\":10.0,\"unit\":\"metre\"}]",
                described.entry().assetFields().path("raster:bands").toString());
    }

    /**
     * A 1-bit mask and GDAL's NBITS=12 had the data type "other": the raster extension names the
     * type the samples are read into, and the bits they use. The worker's own metadata keeps
     * their depth as its data type.
     */
    @ParameterizedTest
    @CsvSource({"geotiff-4326-1bit.tif, uint1, uint8, 1", "geotiff-4326-12bit.tif, uint12, uint16, 12"})
    void samplesOfFewerBitsThanTheirTypeGiveTheTypeAndTheirBits(String fixture, String dataType, String stacType,
            int bits) throws Exception {
        Completion described = described(fixture);

        assertFalse(described.metadata().path("raster").has("note"), "its pixels were decoded");
        assertEquals(dataType, described.metadata().path("raster").path("dataType").asText());
        assertEquals("[{\"data_type\":\"" + stacType + "\",\"bits_per_sample\":" + bits + "}]",
                described.entry().assetFields().path("raster:bands").toString());
    }

    /** A valid 16-bit float GeoTIFF of five bands FAILED as damaged; it is described and catalogued. */
    @Test
    void aFloat16GeoTiffIsCataloguedWithItsBandsAndBox() throws Exception {
        Completion described = described("geotiff-4326-float16.tif");

        assertEquals("float16", described.metadata().path("raster").path("dataType").asText());
        assertEquals("[{\"data_type\":\"float16\"}]".repeat(5).replace("}][{", "},{"),
                described.entry().assetFields().path("raster:bands").toString());
        assertEquals(Optional.of(new Bounds(7, 46, 8, 47)), described.entry().bbox());
    }

    /** The fixture read as the worker reads an uploaded TIFF, and described as it completes. */
    private static Completion described(String fixture) throws Exception {
        Path file = Path.of(RasterDescriptionsTest.class.getResource("/fixtures/" + fixture).toURI());
        byte[] bytes = Files.readAllBytes(file);
        FormatReaders.Plan.FromFile plan = (FormatReaders.Plan.FromFile) new FormatReaders()
                .plan("image/tiff", bytes, fixture, SourceType.UNKNOWN);
        FormatReport report = plan.reader().read(file);
        assertEquals(Optional.empty(), report.problem());
        Claim claim = new Claim(UUID.randomUUID(), 1, 0, "uploads/" + fixture, fixture, bytes.length,
                SourceType.UNKNOWN, Optional.empty(), Instant.EPOCH, Optional.empty(), Optional.empty(),
                Optional.empty(), "owner");
        return FileDescriptions.describe(claim, new ContentFacts(bytes.length, "1220", "image/tiff", report, true),
                SourceType.IMAGE, "geoingest");
    }
}
