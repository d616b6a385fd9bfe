package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.stream.FileImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wololo.flatgeobuf.Constants;
import org.wololo.flatgeobuf.HeaderMeta;

/** FlatGeobuf files ogr2ogr wrote (fixtures/README.md), against what ogrinfo says of them, and damaged copies. */
class FlatGeobufHeaderTest {
    @TempDir
    Path folder;

    private static FormatReport read(File file) throws Exception {
        try (FileImageInputStream object = new FileImageInputStream(file)) {
            return FlatGeobufHeader.read(object);
        }
    }

    private static FormatReport fixture(String name) throws Exception {
        return read(new File(FlatGeobufHeaderTest.class.getResource("/fixtures/" + name).toURI()));
    }

    private static List<Double> box(com.fasterxml.jackson.databind.JsonNode bbox) {
        List<Double> values = new ArrayList<>();
        bbox.forEach(value -> values.add(value.asDouble()));
        return values;
    }

    private static void assertBox(List<Double> expected, List<Double> actual, double tolerance) {
        for (int i = 0; i < 4; i++) {
            assertEquals(expected.get(i), actual.get(i), tolerance, actual::toString);
        }
    }

    @Test
    void aLayerInLv95IsCountedTypedAndPlacedInWgs84() throws Exception {
        assertTrue(FlatGeobufHeader.isFlatGeobuf(Files.readAllBytes(
                Path.of(FlatGeobufHeaderTest.class.getResource("/fixtures/points-2056.fgb").toURI()))));
        FormatReport report = fixture("points-2056.fgb");

        assertEquals(Format.FLATGEOBUF, report.format());
        assertEquals(Optional.empty(), report.problem());
        assertEquals("places_lv95", report.details().path("name").asText());
        assertEquals(3, report.details().path("featureCount").asInt());
        assertEquals("Point", report.details().path("geometryTypes").path(0).asText());
        assertEquals("EPSG:2056", report.details().path("crs").asText());
        assertTrue(report.details().path("spatialIndex").asBoolean());
        // ogrinfo: Extent: (2500016.016117, 1095811.548446) - (2717161.191953, 1267664.847028)
        assertBox(List.of(2500016.016117, 1095811.548446, 2717161.191953, 1267664.847028),
                box(report.details().path("bbox")), 1e-6);
        // the box's edges placed by gdaltransform, as for the same layer in layers.gpkg
        Bounds wgs84 = report.wgs84Bounds().orElseThrow();
        assertBox(List.of(6.11028689, 46.0037, 8.99510856, 47.55969168),
                List.of(wgs84.minX(), wgs84.minY(), wgs84.maxX(), wgs84.maxY()), 1e-4);
    }

    /** Features of several kinds: the header types them Unknown, and each feature types itself. */
    @Test
    void aLayerOfMixedGeometriesIsTypedByItsFeatures() throws Exception {
        FormatReport report = fixture("features.fgb");

        assertEquals(4, report.details().path("featureCount").asInt());
        List<String> types = new ArrayList<>();
        report.details().path("geometryTypes").forEach(type -> types.add(type.asText()));
        assertEquals(List.of("LineString", "Point", "Polygon"), types);
        assertEquals(4, report.details().path("geometryTypesSampled").asInt());
        assertEquals("EPSG:4326", report.details().path("crs").asText());
        assertEquals("name", report.details().path("columns").path(0).path("name").asText());
        assertEquals("string", report.details().path("columns").path(0).path("type").asText());
        Bounds wgs84 = report.wgs84Bounds().orElseThrow();
        assertBox(List.of(7.35, 46.66, 8.5417, 47.3769), List.of(wgs84.minX(), wgs84.minY(), wgs84.maxX(), wgs84.maxY()), 1e-9);
    }

    /** GDAL writes OGC's CRS84 as WKT alone, with code 0: longitude and latitude on WGS 84, placed as EPSG:4326. */
    @Test
    void aLayerInCrs84GivenAsWktAloneIsPlaced() throws Exception {
        FormatReport report = fixture("points-crs84.fgb");

        assertEquals(Optional.empty(), report.problem());
        assertEquals("EPSG:4326", report.details().path("crs").asText());
        // ogrinfo: Extent: (6.143200, 46.003700) - (8.951100, 47.559600)
        Bounds wgs84 = report.wgs84Bounds().orElseThrow();
        assertBox(List.of(6.1432, 46.0037, 8.9511, 47.5596), List.of(wgs84.minX(), wgs84.minY(), wgs84.maxX(), wgs84.maxY()),
                1e-9);
    }

    @Test
    void aFileCutShortOrWithAnImpossibleHeaderFails() throws Exception {
        assertEquals(Optional.of("the FlatGeobuf file is truncated: its spatial index of 3 features ends at byte 1712,"
                + " but only 1600 bytes were stored; upload the complete file"), fixture("points-2056-truncated.fgb").problem());

        byte[] whole = Files.readAllBytes(Path.of(FlatGeobufHeaderTest.class.getResource("/fixtures/points-2056.fgb").toURI()));
        Path cutInHeader = folder.resolve("cut.fgb");
        Files.write(cutInHeader, java.util.Arrays.copyOf(whole, 500));
        assertEquals(Optional.of("the FlatGeobuf file is truncated: its header declares 1540 bytes, but only 488 follow;"
                + " upload the complete file"), read(cutInHeader.toFile()).problem());

        byte[] huge = whole.clone();
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(8, Integer.MAX_VALUE);
        Path hugeHeader = folder.resolve("huge.fgb");
        Files.write(hugeHeader, huge);
        assertTrue(read(hugeHeader.toFile()).problem().orElseThrow().contains("its header declares 2147483647 bytes"));

        byte[] scrambled = whole.clone();
        ByteBuffer.wrap(scrambled).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 0x7fff0000);
        Path scrambledHeader = folder.resolve("scrambled.fgb");
        Files.write(scrambledHeader, scrambled);
        FormatReport damaged = read(scrambledHeader.toFile());
        assertTrue(damaged.problem().orElseThrow().startsWith("the FlatGeobuf file's header is damaged"), damaged::toString);
        assertFalse(FlatGeobufHeader.isFlatGeobuf("fgb\u0002fgb\u0000".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }

    /** A node of one entry would make an index without end: the library refuses to size it, and so does the reader. */
    @Test
    void aSpatialIndexOfNodesOfOneEntryFails() throws Exception {
        byte[] whole = Files.readAllBytes(Path.of(FlatGeobufHeaderTest.class.getResource("/fixtures/points-2056.fgb").toURI()));
        HeaderMeta header = HeaderMeta.read(ByteBuffer.wrap(whole).order(ByteOrder.LITTLE_ENDIAN));
        header.indexNodeSize = 1;
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(whole, 0, Constants.MAGIC_BYTES.length);
        HeaderMeta.write(header, file, new FlatBufferBuilder());
        Path nodesOfOne = folder.resolve("nodes-of-one.fgb");
        Files.write(nodesOfOne, file.toByteArray());

        assertEquals(Optional.of("the FlatGeobuf file's header is damaged: its spatial index's node size is 1, where"
                + " FlatGeobuf's is 0 (no index) or at least 2"), read(nodesOfOne.toFile()).problem());
    }
}
