package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

/**
 * 3D Tiles tilesets: the ones 3d-tiles-tools wrote (fixtures/README.md), placed as GDAL places
 * their boxes' corners (EPSG:4978 to EPSG:4979), and volumes of each kind written here.
 */
class TilesetScanTest {
    private static final double DEGREES = 1e-6;
    private final JsonDocumentReader reader = new JsonDocumentReader(new ObjectMapper());

    private FormatReport fixture(String name) throws Exception {
        try (InputStream in = Files.newInputStream(Path.of(TilesetScanTest.class.getResource("/fixtures/" + name).toURI()))) {
            return reader.read(in);
        }
    }

    private FormatReport read(String document) throws IOException, UnreadableFileException {
        return reader.read(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertBounds(List<Double> expected, Bounds actual) {
        List<Double> found = List.of(actual.minX(), actual.minY(), actual.maxX(), actual.maxY());
        for (int i = 0; i < 4; i++) {
            assertEquals(expected.get(i), found.get(i), DEGREES, found::toString);
        }
    }

    /** A box placed by the root's transform (east-north-up at a point in Bern), as createTilesetJson writes it. */
    @Test
    void aBoxPlacedByTheRootsTransformLiesWhereItWasPut() throws Exception {
        FormatReport report = fixture("tileset-bern.json");

        assertEquals(Format.TILESET_3D, report.format());
        assertBounds(List.of(7.4439433, 46.9463302, 7.4452567, 46.9468698), report.wgs84Bounds().orElseThrow());
        assertEquals("1.1", report.details().path("specVersion").asText());
        assertEquals(4096, report.details().path("geometricError").asInt());
        assertEquals(1, report.details().path("tiles").asInt());
        assertEquals(1, report.details().path("contents").asInt());
        assertEquals("ADD", report.details().path("refine").asText());
        assertEquals("box", report.details().path("boundingVolume").asText());
        assertTrue(report.details().path("georeferenced").asBoolean());
    }

    /**
     * Two tilesets merged: a thin box from Bern to Zurich in earth-fixed coordinates, over three
     * tiles. Its outline is the strip, which holds the box's centre (by gdaltransform), not the box
     * around it, whose corner (8.5, 46.95) it misses.
     */
    @Test
    void aMergedTilesetsBoxIsOutlinedAndItsTilesCounted() throws Exception {
        FormatReport report = fixture("tileset-bern-zurich.json");

        assertBounds(List.of(7.4434799, 46.9456956, 8.5427834, 47.3777282), report.wgs84Bounds().orElseThrow());
        assertEquals(3, report.details().path("tiles").asInt());
        assertEquals(2, report.details().path("contents").asInt());
        assertEquals(2, report.details().path("depth").asInt());
        Polygon outline = report.footprint().orElseThrow();
        assertTrue(outline.contains(outline.getFactory().createPoint(new Coordinate(7.9909071, 47.1630277))), outline::toText);
        assertFalse(outline.contains(outline.getFactory().createPoint(new Coordinate(8.5, 46.95))), outline::toText);
    }

    /** A region is longitude and latitude in radians already, with heights, whatever the root's transform. */
    @Test
    void aRegionIsReadInDegreesWithItsHeights() throws Exception {
        FormatReport report = read("""
                {"asset": {"version": "1.0", "tilesetVersion": "2024-05", "generator": "a city's pipeline"},
                 "geometricError": 500,
                 "root": {"boundingVolume": {"region": [0.1298, 0.8193, 0.1302, 0.8195, 400, 620]},
                          "transform": [2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 1000, 1000, 1000, 1],
                          "geometricError": 100, "refine": "REPLACE",
                          "children": [{"boundingVolume": {"region": [0.1298, 0.8193, 0.13, 0.8194, 400, 500]},
                                        "geometricError": 0, "content": {"uri": "a.b3dm"}},
                                       {"boundingVolume": {"region": [0.13, 0.8194, 0.1302, 0.8195, 400, 620]},
                                        "geometricError": 0, "contents": [{"uri": "b.glb"}, {"uri": "b-trees.glb"}],
                                        "children": [{"boundingVolume": {"region": [0.13, 0.8194, 0.1301, 0.8195, 400, 620]},
                                                      "geometricError": 0}]}]}}""");

        assertBounds(List.of(Math.toDegrees(0.1298), Math.toDegrees(0.8193), Math.toDegrees(0.1302),
                Math.toDegrees(0.8195)), report.wgs84Bounds().orElseThrow());
        assertEquals(400, report.details().path("minHeight").asDouble());
        assertEquals(620, report.details().path("maxHeight").asDouble());
        assertEquals("2024-05", report.details().path("tilesetVersion").asText());
        assertEquals("a city's pipeline", report.details().path("generator").asText());
        assertEquals(4, report.details().path("tiles").asInt());
        assertEquals(3, report.details().path("contents").asInt());
        assertEquals(3, report.details().path("depth").asInt());
        assertEquals("REPLACE", report.details().path("refine").asText());
    }

    /**
     * With implicit tiling (3D Tiles 1.1) the tiles are listed in subtree files, not in the
     * tileset: its scheme is given, and not the root's one tile as the tileset's count.
     */
    @Test
    void anImplicitTilingIsGivenByItsSchemeNotCountedAsOneTile() throws Exception {
        FormatReport report = read("""
                {"asset": {"version": "1.1"}, "geometricError": 100,
                 "root": {"boundingVolume": {"region": [0.1, 0.8, 0.11, 0.81, 0, 100]}, "geometricError": 10,
                          "refine": "ADD", "content": {"uri": "content/{level}/{x}/{y}.glb"},
                          "implicitTiling": {"subdivisionScheme": "QUADTREE", "availableLevels": 12,
                                             "subtreeLevels": 4, "subtrees": {"uri": "subtrees/{level}/{x}/{y}.subtree"}}}}""");

        assertEquals("{\"subdivisionScheme\":\"QUADTREE\",\"availableLevels\":12}",
                report.details().path("implicitTiling").toString(), report.details()::toString);
        assertFalse(report.details().has("tiles"), report.details()::toString);
        assertFalse(report.details().has("depth"), report.details()::toString);
        assertTrue(report.wgs84Bounds().isPresent());
    }

    /** A region across the antimeridian has its west edge east of its east edge, as STAC writes it. */
    @Test
    void aRegionAcrossTheAntimeridianKeepsItsWestEdgeEastOfItsEastEdge() throws Exception {
        FormatReport report = read("""
                {"asset": {"version": "1.0"}, "root": {"boundingVolume":
                  {"region": [3.1, -0.32, -3.1, -0.28, 0, 10]}, "geometricError": 0}}""");

        Bounds bounds = report.wgs84Bounds().orElseThrow();
        assertEquals(Math.toDegrees(3.1), bounds.minX(), DEGREES);
        assertEquals(Math.toDegrees(-3.1), bounds.maxX(), DEGREES);
    }

    /** A sphere placed by its centre and radius: 10 km around a point near Zurich. */
    @Test
    void aSphereReachesItsRadiusAroundItsCentre() throws Exception {
        FormatReport report = read("""
                {"asset": {"version": "1.1"}, "root": {"boundingVolume":
                  {"sphere": [4283000.0, 641000.0, 4675000.0, 10000]}, "geometricError": 0}}""");

        Bounds bounds = report.wgs84Bounds().orElseThrow();
        assertEquals("sphere", report.details().path("boundingVolume").asText());
        assertTrue(bounds.minX() < 8.5 && bounds.maxX() > 8.5 && bounds.minY() < 47.4 && bounds.maxY() > 47.4,
                bounds::toString);
        assertEquals(2 * Math.toDegrees(10000 / 6_350_000.0), bounds.maxY() - bounds.minY(), 1e-3);
    }

    /**
     * A box round the earth's centre is the whole earth when it is the earth's size, and a model in
     * coordinates of its own (placed nowhere) when it is a building's: that one has no place.
     */
    @Test
    void aVolumeRoundTheEarthsCentreIsTheWholeEarthOrNoPlaceAtAll() throws Exception {
        FormatReport global = read("""
                {"asset": {"version": "1.0"}, "root": {"boundingVolume": {"box": [0, 0, 0, 6400000, 0, 0, 0, 6400000, 0,
                  0, 0, 6400000]}, "geometricError": 0}}""");
        assertBounds(List.of(-180.0, -90.0, 180.0, 90.0), global.wgs84Bounds().orElseThrow());

        FormatReport local = read("""
                {"asset": {"version": "1.0"}, "root": {"boundingVolume": {"box": [0, 0, 15, 50, 0, 0, 0, 30, 0,
                  0, 0, 15]}, "geometricError": 0}}""");
        assertEquals(Format.TILESET_3D, local.format());
        assertTrue(local.wgs84Bounds().isEmpty());
        assertFalse(local.details().path("georeferenced").asBoolean());
    }

    /** JSON with neither an asset's version nor a root is no tileset; a tileset whose tiles are not objects is broken. */
    @Test
    void onlyAnAssetWithAVersionAndARootMakeATileset() throws Exception {
        assertEquals(Format.JSON, read("{\"asset\": {\"version\": \"1.0\"}}").format());
        assertEquals(Format.JSON, read("{\"asset\": {}, \"root\": {\"geometricError\": 0}}").format());
        String notATile = "{\"asset\": {\"version\": \"1.0\"}, \"root\": {\"geometricError\": 0, \"children\": [42]}}";
        UnreadableFileException broken = assertThrows(UnreadableFileException.class, () -> read(notATile));
        assertEquals("invalid 3D Tiles tileset: a tile must be an object at line 1, column " + (notATile.indexOf("42") + 1),
                broken.getMessage());
    }
}
