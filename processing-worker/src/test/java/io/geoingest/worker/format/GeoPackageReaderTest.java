package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.common.file.SourceType;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

class GeoPackageReaderTest {
    /** The box of both layers in WGS84: the LV95 layer's box placed by gdaltransform of its edges (fixtures/README.md). */
    private static final double[] BOTH_LAYERS = {6.11028689, 46.0037, 8.99510856, 47.55969168};

    private static Path fixture(String name) throws Exception {
        return Path.of(GeoPackageReaderTest.class.getResource("/fixtures/" + name).toURI());
    }

    @Test
    void eachLayerGivesItsGeometryTypeCrsBoxAndFeatureCount() throws Exception {
        FormatReport report = GeoPackageReader.read(fixture("layers.gpkg"));

        assertEquals(Optional.empty(), report.problem());
        JsonNode details = report.details();
        assertEquals(2, details.path("layerCount").asInt());
        assertEquals(6, details.path("featureCount").asLong());
        assertEquals("[\"Point\"]", details.path("geometryTypes").toString());
        JsonNode lv95 = details.path("layers").path(1);
        assertEquals("places_lv95", lv95.path("name").asText());
        assertEquals("features", lv95.path("dataType").asText());
        assertEquals("POINT", lv95.path("geometryType").asText());
        assertEquals(3, lv95.path("featureCount").asLong());
        assertEquals("EPSG:2056", lv95.path("crs").asText());
        assertEquals(2500016.016116696, lv95.path("bbox").path(0).asDouble(), 1e-6);
        assertEquals("[6.1432,46.0037,8.9511,47.5596]", details.path("layers").path(0).path("bboxWgs84").toString());
        Bounds place = report.wgs84Bounds().orElseThrow();
        double[] edges = {place.minX(), place.minY(), place.maxX(), place.maxY()};
        for (int i = 0; i < 4; i++) {
            assertEquals(BOTH_LAYERS[i], edges[i], 1e-4, "edge " + i + " of " + place);
        }
        assertEquals(Optional.of(SourceType.POINT), SourceTypeRules.infer(report), "a file of points");
    }

    @Test
    void aFileCutShortFailsWithTheSizeItsHeaderDeclares() throws Exception {
        FormatReport report = GeoPackageReader.read(fixture("layers-truncated.gpkg"));

        assertEquals(Optional.of("the GeoPackage is truncated: its header declares 126976 bytes but only 61440 were"
                + " stored; upload the complete file"), report.problem());
    }

    /** A view may be defined to run for ever on a hostile file: its rows are not counted, a table's are. */
    @Test
    void aLayerThatIsAViewIsDescribedButNotCounted() throws Exception {
        FormatReport report = GeoPackageReader.read(fixture("layers-with-a-view.gpkg"));

        JsonNode details = report.details();
        assertEquals(3, details.path("layerCount").asInt());
        JsonNode view = details.path("layers").path(1);
        assertEquals("places_again", view.path("name").asText());
        assertFalse(view.has("featureCount"), view::toString);
        assertEquals(3, details.path("layers").path(0).path("featureCount").asLong());
        assertFalse(details.has("featureCount"), "a total would leave the view's features out");
    }

    @Test
    void damagedPagesFailTheFileWithWhatSqliteSays(@TempDir Path directory) throws Exception {
        Path damaged = Files.copy(fixture("layers.gpkg"), directory.resolve("damaged.gpkg"));
        try (FileChannel file = FileChannel.open(damaged, StandardOpenOption.WRITE)) {
            ByteBuffer noise = ByteBuffer.allocate(4096 * 8);
            while (noise.hasRemaining()) {
                noise.put((byte) 0x5a);
            }
            file.write(noise.flip(), 4096);
        }

        FormatReport report = GeoPackageReader.read(damaged);

        String problem = report.problem().orElseThrow();
        assertTrue(problem.startsWith("the GeoPackage cannot be read: "), problem);
        assertTrue(problem.endsWith("; it is damaged or not a GeoPackage"), problem);
    }

    @Test
    void onlyAnSqliteDatabaseThatSaysItIsAGeoPackageIsOne() throws Exception {
        byte[] head = Files.readAllBytes(fixture("layers.gpkg"));
        assertTrue(GeoPackageReader.isGeoPackage(head));
        head[71] = 0;
        assertFalse(GeoPackageReader.isGeoPackage(head), "another SQLite database");
        assertFalse(GeoPackageReader.isGeoPackage("SQLite format 3".getBytes()), "too short to say");
    }
    /**
     * The footprint of a GeoPackage's features is the hull of the boxes in its layers' spatial
     * indexes (the LV95 layer's placed in WGS84): around the three towns, not the box's corners.
     * A layer without features (placed by no index) adds nothing; tiles keep their box.
     */
    @Test
    void theFeaturesOfEveryLayerAreOutlinedByTheirIndexes() throws Exception {
        for (String fixture : new String[] {"layers.gpkg", "layers-contents-without-extent.gpkg"}) {
            FormatReport report = GeoPackageReader.read(fixture(fixture));

            Polygon outline = report.footprint().orElseThrow(() -> new AssertionError(fixture));
            GeometryFactory factory = outline.getFactory();
            for (double[] town : new double[][] {{6.1432, 46.2044}, {7.5886, 47.5596}, {8.9511, 46.0037}}) {
                assertTrue(outline.covers(factory.createPoint(new Coordinate(town[0], town[1]))), outline::toText);
            }
            assertFalse(outline.covers(factory.createPoint(new Coordinate(6.2, 47.5))), "the box's north-west corner");
            assertTrue(report.wgs84Bounds().orElseThrow().envelope().covers(outline.getEnvelopeInternal()), fixture);
            assertTrue(Orientation.isCCW(outline.getExteriorRing().getCoordinateSequence()), outline::toText);
        }
        assertEquals(Optional.empty(), GeoPackageReader.read(fixture("tiles.gpkg")).footprint());
    }

    /** A table without geometries (attributes) is neither features nor tiles, and places nothing. */
    @Test
    void aGeoPackageOfAttributesAloneIsNoRasterAndHasNoPlace() throws Exception {
        FormatReport report = GeoPackageReader.read(fixture("attributes.gpkg"));

        assertEquals(Format.GEOPACKAGE, report.format());
        assertEquals("attributes", report.details().path("layers").path(0).path("dataType").asText());
        assertEquals(Optional.empty(), report.wgs84Bounds());
        assertEquals(Optional.empty(), SourceTypeRules.infer(report));
    }

    /** Tiles alone are a raster: a GeoPackage of them declared IMAGE FAILED as vector data. */
    @Test
    void aGeoPackageOfTilesAloneIsARaster() throws Exception {
        FormatReport report = GeoPackageReader.read(fixture("tiles.gpkg"));

        assertEquals(Format.GEOPACKAGE_TILES, report.format());
        assertEquals(Format.Family.RASTER, report.format().family());
        assertEquals(Optional.of(SourceType.IMAGE), SourceTypeRules.infer(report));
        assertEquals(Optional.of(new Bounds(7, 46.5, 8, 47)), report.wgs84Bounds());
    }

    /**
     * A layer whose table of contents has no box is placed by its spatial index (GDAL reads the
     * same); a layer without features tells nothing of the file's kind.
     */
    @Test
    void aLayerWithoutABoxIsPlacedByItsIndexAndAnEmptyLayerIsNotAKind() throws Exception {
        FormatReport report = GeoPackageReader.read(fixture("layers-contents-without-extent.gpkg"));

        JsonNode details = report.details();
        JsonNode places = details.path("layers").path(1);
        assertEquals("places", places.path("name").asText());
        double[] indexed = {6.1432, 46.0037, 8.9511, 47.5596};
        for (int i = 0; i < 4; i++) {
            assertEquals(indexed[i], places.path("bbox").path(i).asDouble(), 1e-4, places::toString);
        }
        assertEquals(0, details.path("layers").path(0).path("featureCount").asLong(), "nothing_yet");
        assertEquals("[\"Point\"]", details.path("geometryTypes").toString());
        assertEquals(Optional.of(SourceType.POINT), SourceTypeRules.infer(report));
    }
    /**
     * GDAL files OGC's CRS84 under organisation NONE (srs_id 100000) with a WKT of WGS 84 in
     * degrees that names no code; a writer of WKT 2 alone leaves the definition "undefined" and
     * gives the CRS WKT extension's {@code definition_12_063}. Both are WGS84 longitude and latitude.
     */
    @Test
    void layersInCrs84WithoutAnEpsgCodeArePlaced() throws Exception {
        FormatReport report = GeoPackageReader.read(fixture("places-crs84.gpkg"));

        assertEquals(Optional.empty(), report.problem());
        JsonNode layers = report.details().path("layers");
        for (int i = 0; i < 2; i++) {
            JsonNode layer = layers.path(i);
            assertEquals(4326, layer.path("epsg").asInt(), layer::toString);
            assertEquals("[6.1432,46.0037,8.9511,47.5596]", layer.path("bboxWgs84").toString(), layer::toString);
        }
        assertEquals(Optional.of(new Bounds(6.1432, 46.0037, 8.9511, 47.5596)), report.wgs84Bounds());
    }

    /** A GeoPackage of tiles need not have the table of geometry columns: SQLite's "no such table" failed it. */
    @Test
    void aGeoPackageOfTilesWithoutGeometryColumnsIsRead() throws Exception {
        FormatReport report = GeoPackageReader.read(fixture("tiles-without-geometry-columns.gpkg"));

        assertEquals(Optional.empty(), report.problem());
        assertEquals(Format.GEOPACKAGE_TILES, report.format());
        assertEquals(Optional.of(new Bounds(7, 46.5, 8, 47)), report.wgs84Bounds());
    }

    /**
     * A table whose features were all deleted keeps its box in the table of contents (ogrinfo
     * shows it too): it has no place, and the file lies where its other layer's features do.
     */
    @Test
    void aLayerWhoseFeaturesWereAllDeletedHasNoPlace() throws Exception {
        FormatReport report = GeoPackageReader.read(fixture("layers-emptied.gpkg"));

        JsonNode emptied = report.details().path("layers").path(1);
        assertEquals("places_lv95", emptied.path("name").asText());
        assertEquals(0, emptied.path("featureCount").asLong());
        assertFalse(emptied.has("bbox"), emptied::toString);
        assertFalse(emptied.has("bboxWgs84"), emptied::toString);
        assertEquals(Optional.of(new Bounds(6.1432, 46.0037, 8.9511, 47.5596)), report.wgs84Bounds());
    }
}
