package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTReader;

class JsonDocumentReaderTest {
    private static final String EVERY_GEOMETRY_TYPE = """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [7.44, 46.95, 540]}},
                  {"type": "Feature", "geometry": {"type": "MultiPoint", "coordinates": [[6.1, 46.2], [8.5, 47.4]]}},
                  {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[7, 46], [7.5, 46.5]]}},
                  {"type": "Feature", "geometry": {"type": "MultiLineString", "coordinates": [[[7, 46], [7.5, 46.5]]]}},
                  {"type": "Feature", "geometry": {"coordinates": [[[5.9, 45.8], [10.5, 45.8], [10.5, 47.8], [5.9, 45.8]]],
                                                   "type": "Polygon"}},
                  {"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": []}},
                  {"type": "Feature", "geometry": {"type": "GeometryCollection", "geometries": [
                    {"type": "Point", "coordinates": [9, 46]}, {"type": "LineString", "coordinates": [[9, 46], [9, 47]]}]}},
                  {"type": "Feature", "geometry": null}
                ]}""";
    private static final String ACROSS_THE_ANTIMERIDIAN = """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [178.4, -18.1]}},
                  {"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": [
                    [[[179.5, -17], [180, -17], [180, -16], [179.5, -16], [179.5, -17]]],
                    [[[-180, -17], [-179.8, -17], [-179.8, -16], [-180, -16], [-180, -17]]]]}},
                  {"type": "Feature", "geometry": {"type": "GeometryCollection", "geometries": [
                    {"type": "Point", "coordinates": [177, -19]}, {"type": "MultiPoint", "coordinates": [[-178, -20]]}]}}
                ]}""";
    private final JsonDocumentReader reader = new JsonDocumentReader(new ObjectMapper());

    @Test
    void everyGeometryTypeCountsWithItsBox() throws Exception {
        FormatReport report = read(EVERY_GEOMETRY_TYPE);

        assertEquals(8, report.details().path("featureCount").asLong());
        assertEquals("[\"GeometryCollection\",\"LineString\",\"MultiLineString\",\"MultiPoint\",\"MultiPolygon\","
                + "\"Point\",\"Polygon\"]", report.details().path("geometryTypes").toString());
        assertEquals("[5.9,45.8,10.5,47.8]", report.details().path("bbox").toString());
    }

    /**
     * The footprint of vector data is the hull around its positions (by OGR's ConvexHull, counterclockwise
     * here as RFC 7946 asks): the box's north-west corner, where none of them lies, is not in it.
     */
    @Test
    void aFeatureCollectionsFootprintIsTheHullOfItsPositions() throws Exception {
        FormatReport report = read(EVERY_GEOMETRY_TYPE);

        Polygon hull = report.footprint().orElseThrow();
        assertTrue(hull.equalsTopo(new WKTReader().read(
                "POLYGON ((5.9 45.8,6.1 46.2,7.44 46.95,8.5 47.4,10.5 47.8,10.5 45.8,5.9 45.8))")), hull::toText);
        assertTrue(Orientation.isCCW(hull.getExteriorRing().getCoordinateSequence()), hull::toText);
        assertFalse(hull.contains(hull.getFactory().createPoint(new Coordinate(6, 47.7))));
    }

    /**
     * Positions beyond what is held at once are reduced to the hull so far: a grid of 10,000 points
     * has the hull of its corners; 10,000 on a circle, a hull too detailed to keep, leave the box as
     * the footprint. Data across the antimeridian keep the box there too.
     */
    @Test
    void aHullOfManyPositionsIsKeptWhenItIsSimpleEnough() throws Exception {
        StringBuilder grid = new StringBuilder();
        StringBuilder circle = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            grid.append(i == 0 ? "" : ",").append('[').append(7 + (i % 100) * 0.01).append(',').append(46 + (i / 100) * 0.01)
                    .append(']');
            double angle = 2 * Math.PI * i / 10_000;
            circle.append(i == 0 ? "" : ",").append('[').append(8 + Math.cos(angle)).append(',').append(46 + Math.sin(angle))
                    .append(']');
        }

        Polygon hull = read("{\"type\": \"MultiPoint\", \"coordinates\": [" + grid + "]}").footprint().orElseThrow();
        FormatReport round = read("{\"type\": \"MultiPoint\", \"coordinates\": [" + circle + "]}");

        assertEquals(5, hull.getNumPoints(), hull::toText);
        assertEquals(new Envelope(7, 7.99, 46, 46.99), hull.getEnvelopeInternal());
        assertEquals(Optional.empty(), round.footprint().map(Polygon::toText));
        assertTrue(round.wgs84Bounds().isPresent());
        assertEquals(Optional.empty(), read(ACROSS_THE_ANTIMERIDIAN).footprint().map(Polygon::toText));
    }

    /**
     * Features on either side of the antimeridian, and one split there as RFC 7946 asks, have the
     * box across it (RFC 7946, 5.2): before, all longitudes, which every search on their latitudes
     * found. A member of a collection is a part of its own; the parts of a multi-geometry too.
     */
    @Test
    void featuresOnEitherSideOfTheAntimeridianHaveTheBoxAcrossIt() throws Exception {
        FormatReport report = read(ACROSS_THE_ANTIMERIDIAN);

        assertEquals("[177.0,-20.0,-178.0,-16.0]", report.details().path("bbox").toString());
        assertEquals(new Bounds(177, -20, -178, -16), report.wgs84Bounds().orElseThrow());
    }

    /**
     * A CZML document is placed by its entities' positions: an orbit sampled across the
     * antimeridian (times as text or seconds), joined the short way round as Cesium draws it, and
     * a polygon whose closing edge crosses it too.
     */
    @Test
    void czmlIsPlacedByItsPositionsJoinedTheShortWayRound() throws Exception {
        FormatReport report = read("""
                [{"id": "document", "version": "1.0"},
                 {"id": "orbit", "position": {"epoch": "2024-06-01T10:00:00Z", "cartographicDegrees": [
                   "2024-06-01T10:00:00Z", 170, -5, 500000, "2024-06-01T10:01:00Z", 178, 0, 500000,
                   "2024-06-01T10:02:00Z", -176, 4, 500000, "2024-06-01T10:03:00Z", -168, 8, 500000]}},
                 {"id": "zone", "polygon": {"positions": {"cartographicDegrees": [
                   -175, 10, 0, -170, 10, 0, -170, 12, 0, 175, 12, 0]}}}
                ]""");

        assertEquals(new Bounds(170, -5, -168, 12), report.wgs84Bounds().orElseThrow());
        assertEquals("[170.0,-5.0,-168.0,12.0]", report.details().path("bbox").toString());
    }

    /**
     * Earth-fixed cartesian positions (with velocities too) and radians are placed; the inertial
     * frame, which turns, is not.
     */
    @Test
    void czmlInCartesianOrRadiansIsPlacedAndInTheInertialFrameIsNot() throws Exception {
        FormatReport fixed = read("""
                [{"id": "document", "version": "1.0"},
                 {"id": "line", "polyline": {"positions": {"cartesian": [6378137, 0, 0, 0, 6378137, 0]}}},
                 {"id": "spot", "position": [{"interval": "2024-06-01T10:00:00Z/2024-06-01T11:00:00Z",
                   "cartographicRadians": [0.5, 0.25, 0]}]},
                 {"id": "moving", "position": {"cartesianVelocity": [0, -6378137, 0, 100, 0, 0]}}
                ]""");
        Bounds box = fixed.wgs84Bounds().orElseThrow();
        assertEquals(-90, box.minX(), 1e-9, "the moving one");
        assertEquals(0, box.minY(), 1e-9);
        assertEquals(90, box.maxX(), 1e-9);
        assertEquals(Math.toDegrees(0.25), box.maxY(), 1e-9);

        FormatReport inertial = read("""
                [{"id": "document", "version": "1.0"},
                 {"id": "satellite", "position": {"referenceFrame": "INERTIAL", "cartesian": [7000000, 0, 0]}}]""");
        assertEquals(Optional.empty(), inertial.wgs84Bounds());
    }

    /**
     * Points after a legacy crs are placed by their positions; read before it, by the edges of
     * their box in that CRS, which hold more than the data.
     */
    @Test
    void pointsInALegacyCrsArePlacedByTheirPositionsReadAfterIt() throws Exception {
        String features = "\"features\": [{\"type\": \"Feature\", \"geometry\": {\"type\": \"MultiPoint\","
                + " \"coordinates\": [[2500000, 1100000], [2700000, 1260000]]}}]";
        String crs = "\"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::2056\"}}";

        Bounds before = read("{\"type\": \"FeatureCollection\", " + crs + ", " + features + "}").wgs84Bounds().orElseThrow();
        Bounds after = read("{\"type\": \"FeatureCollection\", " + features + ", " + crs + "}").wgs84Bounds().orElseThrow();

        // the two points, by gdaltransform
        assertEquals(6.1468, before.minX(), 1e-4);
        assertEquals(46.0441, before.minY(), 1e-4);
        assertEquals(8.7654, before.maxX(), 1e-4);
        assertEquals(47.4832, before.maxY(), 1e-4);
        // the north-west corner of the box, 6.1118 east, where no data lies
        assertEquals(6.1118, after.minX(), 1e-4);
    }

    /** One line drawn from 179 west to 179 east spans the longitudes between, as on a flat map. */
    @Test
    void aSinglePartSpanningTheLongitudesIsTakenAsDrawn() throws Exception {
        FormatReport report = read("""
                {"type": "LineString", "coordinates": [[179, 0], [-179, 1]]}""");

        assertEquals("[-179.0,0.0,179.0,1.0]", report.details().path("bbox").toString());
    }

    @Test
    void aBareGeometryIsReadWhateverTheOrderOfItsMembers() throws Exception {
        FormatReport report = read("""
                {"coordinates": [[[7, 46], [8, 46], [8, 47], [7, 46]]], "bbox": [7, 46, 8, 47], "type": "Polygon"}""");

        assertEquals("[\"Polygon\"]", report.details().path("geometryTypes").toString());
        assertEquals("[7.0,46.0,8.0,47.0]", report.details().path("bbox").toString());
        assertEquals(1, report.details().path("featureCount").asLong(), "one feature, as GDAL counts it");
    }

    /**
     * As {@code ogr2ogr -f GeoJSONSeq} writes features (RFC 8142: each after a record separator),
     * and as building footprints are published (one per line): both failed as JSON with content
     * after the end, or with Jackson's advice to enable one of its features.
     */
    @ParameterizedTest
    @CsvSource({"'\u001e', RFC 8142", "'', one per line"})
    void aGeoJsonTextSequenceIsReadFeatureByFeature(String separator, String kind) throws Exception {
        FormatReport report = read(separator + "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [7, 46]}}\n"
                + separator + "{\"type\": \"Feature\", \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[8, 47], [9, 48]]}}\n"
                + separator + "{\"type\": \"Feature\", \"geometry\": null}\n");

        assertEquals(Format.GEOJSON_SEQUENCE, report.format(), kind);
        assertEquals(3, report.details().path("featureCount").asLong(), kind);
        assertEquals("[\"LineString\",\"Point\"]", report.details().path("geometryTypes").toString(), kind);
        assertEquals("[7.0,46.0,9.0,48.0]", report.details().path("bbox").toString(), kind);
    }

    @Test
    void aSequenceRecordThatIsNoFeatureIsNamed() {
        UnreadableFileException refused = assertThrows(UnreadableFileException.class, () -> read(
                "{\"type\": \"Feature\", \"geometry\": null}\n{\"type\": \"FeatureCollection\", \"features\": []}\n"));
        UnreadableFileException afterACollection = assertThrows(UnreadableFileException.class, () -> read(
                "{\"type\": \"FeatureCollection\", \"features\": []}\n{\"type\": \"Feature\", \"geometry\": null}\n"));

        assertEquals("invalid GeoJSON text sequence: record 2 at line 2, column 1 is not a GeoJSON feature or geometry",
                refused.getMessage());
        assertTrue(afterACollection.getMessage().startsWith("invalid JSON: unexpected content after the end of the document"),
                afterACollection.getMessage());
    }

    /** A file cut short named Jackson's settings ("StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION disabled"). */
    @Test
    void aDocumentCutShortSaysWhereTheUnclosedArrayBegan() {
        UnreadableFileException refused = assertThrows(UnreadableFileException.class,
                () -> read("{\"type\": \"FeatureCollection\",\n \"features\": [\n{\"type\": \"Feature\", \"geometry\": null}"));

        assertEquals("invalid JSON at line 3, column 38: Unexpected end-of-input: expected close marker for Array"
                + " (opened at line 2, column 14)", refused.getMessage());
    }

    /** A polygon of 2,000 km around the North Pole in NSIDC's polar stereographic CRS, as ogr2ogr writes it. */
    @Test
    void aPolygonAroundThePoleInAPolarProjectionReachesItAtAllLongitudes() throws Exception {
        FormatReport report = read("""
                {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3413"}},
                 "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[
                   [-1000000, -1000000], [1000000, -1000000], [1000000, 1000000], [-1000000, 1000000], [-1000000, -1000000]
                 ]]}}]}""");

        Bounds wgs84 = report.wgs84Bounds().orElseThrow();
        assertEquals(-180, wgs84.minX());
        assertEquals(76.99881553, wgs84.minY(), 1e-4);
        assertEquals(180, wgs84.maxX());
        assertEquals(90, wgs84.maxY());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\": \"Polygon\", \"coordinates\": [[[7, 46], [8, 46], [8, 47], [7, 47]]]}"
                + "| a ring of a Polygon does not end where it starts",
        "{\"type\": \"MultiPolygon\", \"coordinates\": [[[[7, 46], [8, 46], [7, 46]]]]}"
                + "| a ring of a MultiPolygon has 3 position(s); it needs at least 4",
        "{\"type\": \"LineString\", \"coordinates\": [[7, 46]]}| a line of a LineString has 1 position; it needs at least 2",
        "{\"type\": \"Point\", \"coordinates\": [7]}| a position has 1 number; it needs at least 2 (longitude, latitude)",
        "{\"type\": \"Point\", \"coordinates\": [[7, 46]]}| the coordinates of a Point must be one position",
        "{\"type\": \"Polygon\", \"coordinates\": [[7, 46], [8, 47]]}"
                + "| the coordinates of a Polygon must be an array of rings, each an array of positions",
        "{\"type\": \"LineString\", \"coordinates\": [[7, 46], [\"8\", 47]]}| a position holds something other than numbers",
        "{\"type\": \"LineString\", \"coordinates\": [[7, 46], 8]}| the coordinates mix positions and other values",
        "{\"type\": \"Circle\", \"coordinates\": [7, 46]}| \"Circle\" is not a GeoJSON geometry type",
        "{\"type\": \"Point\"}| a Point needs \"coordinates\"",
        "{\"coordinates\": [7, 46]}| the geometry has no \"type\"",
        "{\"type\": \"GeometryCollection\", \"geometries\": [{\"type\": \"Point\", \"coordinates\": [[7, 46]]}]}"
                + "| a member of the GeometryCollection: the coordinates of a Point must be one position",
    })
    void aMalformedGeometryIsRefusedWithWhatIsWrong(String geometry, String reason) {
        UnreadableFileException refused = assertThrows(UnreadableFileException.class, () -> read(
                "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"geometry\": {\"type\":"
                        + " \"Point\", \"coordinates\": [7, 46]}}, {\"type\": \"Feature\", \"geometry\": " + geometry + "}]}"));

        assertEquals("invalid GeoJSON: the geometry of feature 2 cannot be read (" + reason + ")", refused.getMessage());
    }

    @Test
    void jsonNestedBeyondReasonIsRefusedWithTheLimit() {
        UnreadableFileException refused = assertThrows(UnreadableFileException.class,
                () -> read("[".repeat(5000) + "]".repeat(5000)));

        assertTrue(refused.getMessage().startsWith("invalid JSON: Document nesting depth (1001) exceeds the maximum"
                + " allowed (1000"), refused.getMessage());
    }

    /**
     * Times as Cesium reads them: Cesium's own "CZML Path" sample ends its clock at a time of 13
     * decimals, more than Java holds (kept to the microsecond); a date alone or a time without an offset is UTC.
     */
    @Test
    void czmlTimesAreReadAsCesiumReadsThem() throws Exception {
        FormatReport path = read("""
                [{"id": "document", "name": "CZML Path", "version": "1.0",
                  "clock": {"interval": "2012-08-04T16:00:00Z/2012-08-04T17:04:54.9962195740191Z"}}]""");
        FormatReport offsets = read("""
                [{"id": "document", "version": "1.0"},
                 {"id": "a", "availability": "2024-06-01/2024-06-01T12:30:00"},
                 {"id": "b", "availability": ["2024-06-01T14:00:00+0100/2024-06-01T15:00:00+01"]}]""");

        assertEquals(Optional.of(Instant.parse("2012-08-04T16:00:00Z")), path.start());
        assertEquals(Optional.of(Instant.parse("2012-08-04T17:04:54.996219Z")), path.end());
        assertEquals(Optional.of(Instant.parse("2024-06-01T00:00:00Z")), offsets.start());
        assertEquals(Optional.of(Instant.parse("2024-06-01T14:00:00Z")), offsets.end());
    }

    /**
     * A legacy "crs" or a CZML packet's clock is read whole, as the small object it is: one holding
     * a 200 MB array became a tree larger than the worker's heap, and the worker died on every try.
     */
    @Test
    void aMemberReadWholeThatHoldsTooManyValuesIsRefused() {
        String values = "0,".repeat(JsonDocumentReader.MAX_MEMBER_TOKENS) + "0";
        UnreadableFileException crs = assertThrows(UnreadableFileException.class,
                () -> read("{\"type\": \"FeatureCollection\", \"crs\": [" + values + "], \"features\": []}"));
        UnreadableFileException clock = assertThrows(UnreadableFileException.class, () -> read(
                "[{\"id\": \"document\", \"version\": \"1.0\", \"clock\": {\"interval\": [" + values + "]}}]"));

        assertTrue(crs.getMessage().startsWith("invalid GeoJSON: \"crs\" holds more than 10000 values at line 1"),
                crs.getMessage());
        assertTrue(clock.getMessage().startsWith("invalid CZML: \"clock\" holds more than 10000 values at line 1"),
                clock.getMessage());
    }

    /** 4 million vertices are 90 MB of text; the reader needs no more heap for them than for four. */
    @Test
    void aPolygonOfMillionsOfVerticesIsReadInASmallHeap() throws Exception {
        String output = SmallHeap.run("32m", HugePolygon.class, "4000000");

        assertTrue(output.contains("\"featureCount\":1,\"geometryTypes\":[\"Polygon\"],\"bbox\":[7.0,46.0,7.999,46.999]"),
                output);
    }

    private FormatReport read(String document) throws IOException, UnreadableFileException {
        return reader.read(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
    }
}
