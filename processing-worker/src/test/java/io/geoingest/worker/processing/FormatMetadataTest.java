package io.geoingest.worker.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.event.FileStatusChanged;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import io.geoingest.common.file.SourceType;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Metadata the worker extracts from files made by real tools (see fixtures/README.md), and the
 * failures it reports for broken ones. All fixtures are sent at once, then each test checks one.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FormatMetadataTest {
    private static final double DEGREE_TOLERANCE = 1e-4;
    /** Each user-defined projection's fixture: its box in its own CRS, then in WGS84. */
    private static final Map<String, List<List<Double>>> USER_DEFINED = Map.of(
            "geotiff-userdefined-tm.tif", List.of(List.of(400000.0, 5199900.0, 400200.0, 5200000.0),
                    List.of(7.68596912, 46.94508868, 7.68861845, 46.94601845)),
            "geotiff-userdefined-aea.tif", List.of(List.of(0.0, 1900000.0, 200000.0, 2000000.0),
                    List.of(10.0, 47.31943944, 12.71840362, 48.24300139)),
            "geotiff-userdefined-sinu.tif", List.of(List.of(600000.0, 5200000.0, 800000.0, 5300000.0),
                    List.of(7.87730130, 46.76467080, 10.68271438, 47.66399139)),
            "geotiff-userdefined-lcc.tif", List.of(List.of(800000.0, 6600000.0, 900000.0, 6700000.0),
                    List.of(4.30383668, 46.47026868, 5.65070337, 47.39278694)),
            "geotiff-userdefined-stere.tif", List.of(List.of(-100000.0, -1100000.0, 100000.0, -900000.0),
                    List.of(-51.34019175, 79.82942698, -38.65980825, 81.70577578)),
            "geotiff-userdefined-laea.tif", List.of(List.of(4000000.0, 2950000.0, 4100000.0, 3000000.0),
                    List.of(5.51779621, 49.57547040, 6.94098998, 50.07048068)));
    private static final Instant ACQUIRED = Instant.parse("2023-05-17T09:30:00Z");

    @Inject
    ObjectMapper json;

    private Pipeline pipeline;
    private final Map<String, FileRecord> sent = new LinkedHashMap<>();

    @BeforeAll
    void sendAllFixtures() {
        pipeline = new Pipeline(json);
        store("geotiff-4326.tif", SourceType.UNKNOWN);
        store("geotiff-2056.tif", SourceType.UNKNOWN);
        store("geotiff-4326-gcps.tif", SourceType.UNKNOWN);
        store("geotiff-32601-antimeridian.tif", SourceType.UNKNOWN);
        USER_DEFINED.keySet().forEach(fixture -> store(fixture, SourceType.UNKNOWN));
        store("geotiff-32632-bigtiff.tif", SourceType.UNKNOWN);
        store("geotiff-32632-bigtiff-truncated.tif", SourceType.UNKNOWN);
        store("geotiff-4326-zstd.tif", SourceType.HEIGHTMAP);
        store("sar-cint16.tif", SourceType.UNKNOWN);
        store("geotiff-4326-predictor.tif", SourceType.UNKNOWN);
        store("tiff-software-beyond-end.tif", SourceType.UNKNOWN);
        store("image.png", SourceType.IMAGE, row -> {
            row.geometry = json.createObjectNode().put("type", "Point")
                    .set("coordinates", json.createArrayNode().add(8.2275).add(46.8182));
            row.acquisitionDate = ACQUIRED;
        });
        store("image.jpg", SourceType.UNKNOWN);
        store("image-12bit.jpg", SourceType.UNKNOWN);
        store("image-12bit-truncated.jpg", SourceType.IMAGE);
        store("image.jp2", SourceType.UNKNOWN);
        store("multispectral-5band.jp2", SourceType.UNKNOWN);
        store("image-gmljp2-4326.jp2", SourceType.UNKNOWN);
        store("image-gmljp2-32632.jp2", SourceType.UNKNOWN);
        store("features.geojson", SourceType.UNKNOWN);
        store("points.geojson", SourceType.POINT);
        store("points-2056.geojson", SourceType.UNKNOWN);
        store("points.geojsons", SourceType.UNKNOWN);
        store("orbits.czml", SourceType.UNKNOWN);
        store("orbits-basic-dates.czml", SourceType.UNKNOWN);
        store("temperature-nc4.nc", SourceType.UNKNOWN);
        store("temperature-classic.nc", SourceType.NETCDF);
        store("temperature-cdf5.nc", SourceType.UNKNOWN);
        store("temperature-classic-unlimited.nc", SourceType.UNKNOWN);
        store("temperature-classic-truncated.nc", SourceType.NETCDF);
        store("linked-groups.h5", SourceType.UNKNOWN);
        store("geotiff-4326-truncated.tif", SourceType.UNKNOWN);
        store("geotiff-4326-wider.tif", SourceType.UNKNOWN);
        store("image-truncated.png", SourceType.IMAGE);
        store("image-truncated.jpg", SourceType.UNKNOWN);
        store("image-truncated.jp2", SourceType.IMAGE);
        store("image-huge-tile.jp2", SourceType.IMAGE);
        store("image-too-many-tiles.jp2", SourceType.IMAGE);
        store("image-huge-box.jp2", SourceType.IMAGE);
        store("image-bad-tile-offset.jp2", SourceType.IMAGE);
        store("image-many-tiles.jp2", SourceType.UNKNOWN);
        store("features-invalid.geojson", SourceType.POINT);
        store("orbits-truncated.czml", SourceType.CZML);
        store("layers.gpkg", SourceType.UNKNOWN);
        store("layers-truncated.gpkg", SourceType.POLYGON);
        store("tiles.gpkg", SourceType.IMAGE);
        store("temperature-nc4-truncated.nc", SourceType.NETCDF);
        store("tileset-bern.json", SourceType.UNKNOWN);
        store("tileset-bern-zurich.json", SourceType.TILES3D);
        store("tileset-truncated.json", SourceType.TILES3D);
        store("block.b3dm", SourceType.UNKNOWN);
        store("block.glb", SourceType.TILES3D);
        store("block-truncated.b3dm", SourceType.TILES3D);
        storeAs("b3dm-declared-image", "block.b3dm", SourceType.IMAGE);
        store("photo-gps.jpg", SourceType.UNKNOWN);
        store("photo-local-time.jpg", SourceType.IMAGE);
        store("video-gps.mp4", SourceType.UNKNOWN);
        store("video-gps.mov", SourceType.FULL_MOTION_VIDEO);
        store("video-huge-box.mp4", SourceType.FULL_MOTION_VIDEO);
        store("video-truncated.mp4", SourceType.FULL_MOTION_VIDEO);
        store("sentinel1-grd.zip", SourceType.UNKNOWN);
        store("sentinel2-l2a.zip", SourceType.UNKNOWN);
        store("sentinel1-broken-manifest.zip", SourceType.SAR);
        store("archive-plain.zip", SourceType.UNKNOWN);
        store("landsat9-l2sp.tar", SourceType.UNKNOWN);
        store("shapefile-layers.zip", SourceType.UNKNOWN);
        store("shapefile-lv95.zip", SourceType.POINT);
        store("archive-plain.tar", SourceType.UNKNOWN);
        store("places.kml", SourceType.UNKNOWN);
        store("places.kmz", SourceType.GEOMETRYCOLLECTION);
        store("places-truncated.kml", SourceType.UNKNOWN);
        store("track.gpx", SourceType.UNKNOWN);
        store("points-2056.fgb", SourceType.UNKNOWN);
        store("places-2056.gml", SourceType.UNKNOWN);
        store("features-gml2.gml", SourceType.UNKNOWN);
        store("features-4326-truncated.gml", SourceType.POLYGON);
        store("points-2056-truncated.fgb", SourceType.POINT);
        storeAs("gpx-declared-sar", "track.gpx", SourceType.SAR);
        storeAs("png-declared-netcdf", "image.png", SourceType.NETCDF);
        storeAs("geojson-declared-czml", "features.geojson", SourceType.CZML);
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        sent.put("noise-named-tif", pipeline.storedFile("scene.tif", noise, row -> {
        }));
        byte[] farFuture = ("[{\"id\": \"document\", \"version\": \"1.0\","
                + " \"clock\": {\"interval\": \"2024-06-01T10:00:00Z/+300000-01-01T00:00:00Z\"}}]")
                .getBytes(StandardCharsets.UTF_8);
        sent.put("czml-acquired", pipeline.storedFixture("orbits.czml", SourceType.CZML, row -> row.acquisitionDate = ACQUIRED));
        sent.put("czml-year-300000", pipeline.storedFile("far.czml", farFuture, row -> row.sourceType = SourceType.CZML));
        byte[] nulName = ("[{\"id\": \"document\", \"version\": \"1.0\", \"name\": \"orbits\\u0000 of 2024"
                + "x".repeat(5000) + "\"}]").getBytes(StandardCharsets.UTF_8);
        sent.put("czml-nul-long-name", pipeline.storedFile("nul.czml", nulName, row -> row.sourceType = SourceType.CZML));
        byte[] notUtf32 = {0x7B, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7D, 0, 0, 0};
        sent.put("json-bad-utf32", pipeline.storedFile("bad.geojson", notUtf32, row -> {
        }));
        sent.values().forEach(file -> pipeline.send(Pipeline.eventFor(file)));
    }

    @AfterAll
    void disconnect() {
        pipeline.close();
    }

    @Test
    void geoTiffInWgs84GivesItsSizeBandsCrsAndBoundingBox() {
        FileRecord done = completed("geotiff-4326.tif");
        // its one directory right after the header: a COG by GDAL's rules
        assertEquals("image/tiff; application=geotiff; profile=cloud-optimized", done.contentType);
        assertEquals(SourceType.IMAGE, done.sourceType, "one band of bytes is an image");
        JsonNode metadata = done.metadata;
        assertEquals("Cloud Optimized GeoTIFF", metadata.path("format").asText());
        assertTrue(metadata.path("sourceTypeInferred").asBoolean());
        JsonNode raster = metadata.path("raster");
        assertEquals(20, raster.path("width").asInt());
        assertEquals(10, raster.path("height").asInt());
        assertEquals(1, raster.path("bands").asInt());
        assertEquals("uint8", raster.path("dataType").asText());
        assertEpsg(4326, raster);
        assertBox(List.of(7.0, 46.5, 8.0, 47.0), raster.path("bbox"), 1e-9);
        assertBox(List.of(7.0, 46.5, 8.0, 47.0), metadata.path("bbox"), 1e-9);
        assertEquals("Polygon", metadata.path("geometry").path("type").asText());
        assertEquals("file", metadata.path("geometrySource").asText());
    }

    /**
     * A projected CRS spelt out in the GeoKeys, which GDAL writes for one EPSG has no code for (a
     * MODIS sinusoidal grid, a grid given by its PROJ parameters): the box in that CRS, and the
     * WGS84 box PROJ gives through GDAL (gdaltransform, edges sampled), see fixtures/README.md.
     */
    @Test
    void geoTiffInAUserDefinedProjectionIsPlacedInWgs84() {
        USER_DEFINED.forEach((fixture, boxes) -> {
            JsonNode raster = completed(fixture).metadata.path("raster");
            assertEquals("user-defined (no EPSG code in the GeoKeys)", raster.path("crs").asText(), fixture);
            assertTrue(raster.path("projDefinition").asText().startsWith("+proj="), raster::toString);
            assertBox(boxes.get(0), raster.path("bbox"), 1e-6);
            assertBox(boxes.get(1), raster.path("bboxWgs84"), DEGREE_TOLERANCE);
        });
    }

    /**
     * Placed by ground control points alone, as SAR products in radar geometry are: it had a CRS and
     * no box. Its footprint is the outline of the points (a scene inclined with its orbit), not the
     * box, whose corner (6.9, 47.1) the scene does not reach.
     */
    @Test
    void geoTiffPlacedByGroundControlPointsGetsTheirBoundingBoxAndOutline() {
        FileRecord done = placed("geotiff-4326-gcps.tif", 4326, List.of(6.9, 46.5, 8.0, 47.1), 1e-9);
        assertBox(List.of(6.9, 46.5, 8.0, 47.1), done.metadata.path("bbox"), 1e-9);
        JsonNode footprint = done.metadata.path("geometry");
        assertEquals("Polygon", footprint.path("type").asText());
        assertEquals("[[[6.9,46.5],[7.9,46.6],[8,47.1],[7,47],[6.9,46.5]]]",
                footprint.path("coordinates").toString());
    }

    /**
     * A scene across the antimeridian has its box across it (west > east, as STAC writes it) and a
     * footprint split there, as RFC 7946 asks: it had all longitudes, and every search found it.
     */
    @Test
    void geoTiffAcrossTheAntimeridianHasABoxAcrossItAndAFootprintSplitThere() {
        FileRecord done = placed("geotiff-32601-antimeridian.tif", 32601,
                List.of(200000.0, 5000000.0, 800000.0, 5100000.0), 1e-6);
        // gdaltransform of the edges, fixtures/README.md
        List<Double> wgs84 = List.of(179.126395, 45.089802, -173.126395, 46.053574);
        assertBox(wgs84, done.metadata.path("raster").path("bboxWgs84"), DEGREE_TOLERANCE);
        assertBox(wgs84, done.metadata.path("bbox"), DEGREE_TOLERANCE);
        JsonNode footprint = done.metadata.path("geometry");
        assertEquals("MultiPolygon", footprint.path("type").asText());
        JsonNode west = footprint.path("coordinates").path(0).path(0);
        JsonNode east = footprint.path("coordinates").path(1).path(0);
        assertEquals(179.126395, west.path(0).path(0).asDouble(), DEGREE_TOLERANCE);
        assertEquals(180, west.path(1).path(0).asDouble());
        assertEquals(-180, east.path(0).path(0).asDouble());
        assertEquals(-173.126395, east.path(1).path(0).asDouble(), DEGREE_TOLERANCE);
    }

    @Test
    void geoTiffInSwissLv95GivesItsProjectedAndWgs84BoundingBoxes() {
        FileRecord done = completed("geotiff-2056.tif");
        assertEquals(SourceType.MULTISPECTRAL, done.sourceType, "four bands without alpha are multispectral");
        JsonNode raster = done.metadata.path("raster");
        assertEquals(16, raster.path("width").asInt());
        assertEquals(12, raster.path("height").asInt());
        assertEquals(4, raster.path("bands").asInt());
        assertEquals("int16", raster.path("dataType").asText());
        assertEquals(2056, raster.path("epsg").asInt());
        assertBox(List.of(2600000.0, 1200000.0, 2616000.0, 1212000.0), raster.path("bbox"), 1e-6);
        // Expected values from GDAL/PROJ (gdaltransform, edges sampled), see fixtures/README.md.
        List<Double> wgs84 = List.of(7.43863050, 46.95089161, 7.64923136, 47.05902375);
        assertBox(wgs84, raster.path("bboxWgs84"), DEGREE_TOLERANCE);
        assertBox(wgs84, done.metadata.path("bbox"), DEGREE_TOLERANCE);

        FileStatusChanged completion = completionEvent(done);
        assertEquals("Cloud Optimized GeoTIFF", completion.metadata().path("format").asText());
        assertEquals("MULTISPECTRAL", completion.metadata().path("sourceType").asText());
        assertEquals(2056, completion.metadata().path("epsg").asInt());
        assertEquals(16, completion.metadata().path("width").asInt());
        assertBox(wgs84, completion.metadata().path("bbox"), DEGREE_TOLERANCE);
    }

    /** GDAL writes BigTIFF for every GeoTIFF over 4 GiB; the JDK's TIFF reader does not know it. */
    @Test
    void bigTiffGivesItsSizeBandsCrsAndBoundingBox() {
        FileRecord done = completed("geotiff-32632-bigtiff.tif");
        assertEquals(SourceType.MULTISPECTRAL, done.sourceType);
        assertEquals("Cloud Optimized GeoTIFF", done.metadata.path("format").asText());
        assertRaster(done.metadata, 40, 20, 2, "uint16");
        JsonNode raster = done.metadata.path("raster");
        assertEquals(32632, raster.path("epsg").asInt());
        assertBox(List.of(400000.0, 5199800.0, 400400.0, 5200000.0), raster.path("bbox"), 1e-6);
        assertTrue(raster.path("note").asText().contains("no decoder for BigTIFF files"), raster::toString);
    }

    @Test
    void truncatedBigTiffFailsSayingItIsTruncated() {
        assertFailedWith("geotiff-32632-bigtiff-truncated.tif", "the TIFF file is truncated: its directory points to"
                + " image data beyond its last byte (550 bytes stored); upload the complete file");
    }

    /** ZSTD with the floating-point predictor, as GDAL writes elevation models and COGs; the JDK decodes neither. */
    @Test
    void geoTiffInACompressionTheWorkerDoesNotDecodeIsDescribedFromItsTags() {
        FileRecord done = completed("geotiff-4326-zstd.tif");
        assertEquals(SourceType.HEIGHTMAP, done.sourceType);
        assertRaster(done.metadata, 30, 20, 1, "float32");
        JsonNode raster = done.metadata.path("raster");
        assertBox(List.of(7.0, 46.8, 7.3, 47.0), raster.path("bbox"), 1e-9);
        assertTrue(raster.path("note").asText().startsWith("the pixels were not decoded to check them: the worker"
                + " has no decoder for ZSTD compression;"), raster::toString);
    }

    /** DEFLATE with PREDICTOR=2, as GDAL writes 16-bit bands and elevation models; the JDK undoes it on 8 bits only. */
    @Test
    void sixteenBitGeoTiffWithTheHorizontalPredictorIsDescribedFromItsTags() {
        FileRecord done = completed("geotiff-4326-predictor.tif");
        assertRaster(done.metadata, 24, 12, 1, "uint16");
        assertTrue(done.metadata.path("raster").path("note").asText().contains("no decoder for the horizontal predictor"
                + " on 16-bit samples"), done.metadata::toString);
    }

    /** Decoders ignore a tag they do not use wherever it points; so does the worker. */
    @Test
    void aTagTheWorkerDoesNotReadMayPointBeyondTheFile() {
        FileRecord done = completed("tiff-software-beyond-end.tif");
        assertRaster(done.metadata, 16, 4, 1, "uint8");
    }

    @Test
    void complexSamplesAreSar() {
        FileRecord done = completed("sar-cint16.tif");
        assertEquals(SourceType.SAR, done.sourceType);
        assertRaster(done.metadata, 32, 16, 1, "cint16");
    }

    @Test
    void geometryAndAcquisitionDateGivenAtUploadWinOverTheFile() {
        FileRecord done = completed("image.png");
        assertEquals(SourceType.IMAGE, done.sourceType);
        JsonNode metadata = done.metadata;
        assertEquals("PNG", metadata.path("format").asText());
        assertFalse(metadata.has("sourceTypeInferred"), "IMAGE was declared");
        assertRaster(metadata, 32, 24, 3, "uint8");
        assertEquals("upload", metadata.path("geometrySource").asText());
        assertEquals("Point", metadata.path("geometry").path("type").asText());
        assertBox(List.of(8.2275, 46.8182, 8.2275, 46.8182), metadata.path("bbox"), 1e-9);
        assertEquals(ACQUIRED.toString(), metadata.path("datetime").asText());
        assertEquals("upload", metadata.path("datetimeSource").asText());
    }

    /** The item's time is then the date given, not the file's span, which searches by time would go by. */
    @Test
    void anAcquisitionDateGivenAtUploadReplacesTheTimeSpanOfTheFile() {
        JsonNode metadata = completed("czml-acquired").metadata;
        assertEquals(ACQUIRED.toString(), metadata.path("datetime").asText());
        assertFalse(metadata.has("startDatetime"), metadata::toString);
        assertFalse(metadata.has("endDatetime"), metadata::toString);
        assertEquals("2024-06-01T10:00:00Z", metadata.path("czml").path("start").asText(), "what the file says is kept");
    }

    @Test
    void jpegAndJpeg2000GiveTheirSizeAndBands() {
        FileRecord jpeg = completed("image.jpg");
        assertEquals("image/jpeg", jpeg.contentType);
        assertEquals(SourceType.IMAGE, jpeg.sourceType);
        assertRaster(jpeg.metadata, 32, 24, 3, "uint8");
        FileRecord jpeg2000 = completed("image.jp2");
        assertEquals("image/jp2", jpeg2000.contentType);
        assertEquals("JPEG 2000", jpeg2000.metadata.path("format").asText());
        assertRaster(jpeg2000.metadata, 32, 24, 3, "uint8");
    }

    /** GDAL writes 16-bit rasters to JPEG as 12-bit JPEG, which the JDK's decoder does not know: it FAILED as damaged. */
    @Test
    void twelveBitJpegIsDescribedFromItsFrameHeader() {
        FileRecord done = completed("image-12bit.jpg");
        assertEquals(SourceType.IMAGE, done.sourceType);
        assertRaster(done.metadata, 32, 24, 1, "uint16");
        assertTrue(done.metadata.path("raster").path("note").asText().startsWith("the pixels were not decoded to check"
                + " them: the worker has no decoder for 12-bit JPEG;"), done.metadata::toString);
        assertFailedWith("image-12bit-truncated.jpg", "the JPEG file is truncated: its image data does not end with"
                + " the end-of-image marker (160 bytes stored); upload the complete file");
    }

    /** JAI's decoder has no colour model for more than four bands: such scenes FAILED as "colorModel == null!". */
    @Test
    void jpeg2000WithMoreBandsThanAColourModelGivesItsSizeAndBands() {
        FileRecord done = completed("multispectral-5band.jp2");
        assertEquals("JPEG 2000", done.metadata.path("format").asText());
        assertRaster(done.metadata, 64, 48, 5, "uint16");
        assertFalse(done.metadata.path("raster").has("note"), "its pixels were decoded");
    }

    /**
     * A JPEG 2000 placed by a GMLJP2 box alone (GDAL's {@code -co GeoJP2=NO}; other producers write
     * no GeoJP2 box, as the JPEG 2000 bands of Sentinel-2 products) got no CRS or footprint. GML
     * names EPSG:4326's axes latitude first. Its grid gives the transform of its pixels (GDAL's
     * geotransform of the source, fixtures/README.md), and in a UTM zone the outline of its corners.
     */
    @Test
    void jpeg2000WithOnlyAGmlJp2BoxGivesItsCrsAndBoundingBoxes() {
        FileRecord geographic = placed("image-gmljp2-4326.jp2", 4326, List.of(7.0, 46.5, 8.0, 47.0), 1e-9);
        assertBox(List.of(7.0, 46.5, 8.0, 47.0), geographic.metadata.path("bbox"), 1e-9);
        assertEquals("[0.05,0.0,7.0,0.0,-0.05,47.0]", geographic.metadata.path("raster").path("transform").toString());

        FileRecord projected = placed("image-gmljp2-32632.jp2", 32632, List.of(400000.0, 5199900.0, 400200.0, 5200000.0), 1e-6);
        // Expected values from GDAL/PROJ (gdaltransform, edges sampled), see fixtures/README.md.
        assertBox(List.of(7.68596912, 46.94508868, 7.68861845, 46.94601845), projected.metadata.path("bbox"), DEGREE_TOLERANCE);
        assertEquals("[10.0,0.0,400000.0,0.0,-10.0,5200000.0]", projected.metadata.path("raster").path("transform").toString());
        JsonNode outline = projected.metadata.path("geometry").path("coordinates").path(0);
        assertEquals(5, outline.size(), outline::toString);
    }

    /** GDAL writes a georeferenced JPEG 2000 with a GeoJP2 box (a GeoTIFF of one pixel): it got no CRS or bbox. */
    @Test
    void jpeg2000WithAGeoJp2BoxGivesItsCrsAndBoundingBoxes() {
        FileRecord done = placed("multispectral-5band.jp2", 32632, List.of(400000.0, 5199520.0, 400640.0, 5200000.0), 1e-6);
        // Expected values from GDAL/PROJ (gdaltransform, edges sampled), see fixtures/README.md.
        List<Double> wgs84 = List.of(7.68596912, 46.94167001, 7.69448168, 46.94608452);
        assertBox(wgs84, done.metadata.path("raster").path("bboxWgs84"), DEGREE_TOLERANCE);
        assertBox(wgs84, done.metadata.path("bbox"), DEGREE_TOLERANCE);
        assertEquals("Polygon", done.metadata.path("geometry").path("type").asText());
    }

    @Test
    void geoJsonFeatureCollectionGivesFeatureCountGeometryTypesAndBounds() {
        FileRecord mixed = completed("features.geojson");
        assertEquals("application/geo+json", mixed.contentType);
        assertEquals(SourceType.GEOMETRYCOLLECTION, mixed.sourceType, "points, a line and a polygon together");
        JsonNode vector = mixed.metadata.path("vector");
        assertEquals("FeatureCollection", vector.path("type").asText());
        assertEquals(4, vector.path("featureCount").asInt());
        assertEquals(List.of("LineString", "Point", "Polygon"), texts(vector.path("geometryTypes")));
        assertBox(List.of(7.35, 46.66, 8.5417, 47.3769), mixed.metadata.path("bbox"), 1e-9);

        FileRecord points = completed("points.geojson");
        assertEquals(SourceType.POINT, points.sourceType);
        assertEquals(3, points.metadata.path("vector").path("featureCount").asInt());
        assertEquals(List.of("Point"), texts(points.metadata.path("vector").path("geometryTypes")));
        assertBox(List.of(6.1432, 46.0037, 8.9511, 47.5596), points.metadata.path("bbox"), 1e-9);
    }

    /** As {@code ogr2ogr -f GeoJSONSeq} writes features: it was stored as unrecognised text/plain. */
    @Test
    void aGeoJsonTextSequenceIsVectorDataWithItsFeatures() {
        FileRecord done = completedThreePoints("points.geojsons", "application/geo+json-seq", "GeoJSON text sequence");
        assertBox(List.of(6.1432, 46.0037, 8.9511, 47.5596), done.metadata.path("bbox"), 1e-9);
    }

    /**
     * ogr2ogr writes data in another CRS so unless told RFC7946=YES (QGIS too), with the 2008 "crs"
     * member: it FAILED as "coordinates reach beyond longitude -180..180", asking to reproject.
     */
    @Test
    void geoJsonWithTheOldCrsMemberIsPlacedByItsPositionsInWgs84() {
        FileRecord done = completed("points-2056.geojson");
        JsonNode vector = done.metadata.path("vector");
        assertEpsg(2056, vector);
        assertEquals(3, vector.path("featureCount").asInt());
        assertEquals(SourceType.POINT, done.sourceType);
        assertBox(List.of(2500016.016116696, 1095811.5484462355, 2717161.1919532944, 1267664.8470277865),
                vector.path("bbox"), 1e-6);
        // The three points placed by gdaltransform, see fixtures/README.md: the box of the data, where
        // the box's edges placed took in 2.5 km more on either side.
        List<Double> wgs84 = List.of(6.14320001, 46.00370001, 8.95110001, 47.55960001);
        assertBox(wgs84, vector.path("bboxWgs84"), 1e-6);
        assertBox(wgs84, done.metadata.path("bbox"), 1e-6);
    }

    /** GDAL's and QGIS's default vector format: it was content of no recognised format, with no place. */
    @Test
    void geoPackageGivesItsLayersAndIsPlacedByThem() {
        FileRecord done = completed("layers.gpkg");
        assertEquals(SourceType.POINT, done.sourceType, "two layers of points");
        assertEquals("application/geopackage+sqlite3", done.contentType);
        assertEquals("GeoPackage", done.metadata.path("format").asText());
        JsonNode vector = done.metadata.path("vector");
        assertEquals(2, vector.path("layerCount").asInt());
        assertEquals(6, vector.path("featureCount").asLong());
        assertEquals("EPSG:2056", vector.path("layers").path(1).path("crs").asText());
        // the LV95 layer's box placed by gdaltransform of its edges, around the WGS84 layer's
        assertBox(List.of(6.11028689, 46.0037, 8.99510856, 47.55969168), done.metadata.path("bbox"), DEGREE_TOLERANCE);
        assertEquals("Polygon", done.metadata.path("geometry").path("type").asText());

        assertFailedWith("layers-truncated.gpkg", "the GeoPackage is truncated: its header declares 126976 bytes but"
                + " only 61440 were stored; upload the complete file");
        FileRecord tiles = completed("tiles.gpkg");
        assertEquals("GeoPackage tiles", tiles.metadata.path("format").asText(), "declared IMAGE, which holds tiles");
        assertEquals(1, tiles.metadata.path("raster").path("layerCount").asInt());
    }

    @Test
    void czmlGivesPacketCountTheDocumentClockIntervalAndWhereItsEntitiesAre() {
        FileRecord done = completed("orbits.czml");
        assertEquals(SourceType.CZML, done.sourceType);
        JsonNode czml = done.metadata.path("czml");
        assertEquals(3, czml.path("packetCount").asInt());
        assertBox(List.of(6.14, 46.2, 8.54, 47.37), czml.path("bbox"), 1e-9);
        assertBox(List.of(6.14, 46.2, 8.54, 47.37), done.metadata.path("bbox"), 1e-9);
        assertEquals("Polygon", done.metadata.path("geometry").path("type").asText());
        assertEquals("2024-06-01T10:00:00Z", czml.path("start").asText());
        assertEquals("2024-06-01T12:00:00Z", czml.path("end").asText());
        assertEquals("2024-06-01T10:00:00Z", done.metadata.path("datetime").asText());
        assertEquals("2024-06-01T12:00:00Z", done.metadata.path("endDatetime").asText());
    }

    /**
     * Cesium reads ISO 8601's basic format and 24:00 as well as the extended format; such files
     * FAILED as "not an ISO 8601 interval". An entity available at all times tells no time span.
     */
    @Test
    void czmlDatesInTheBasicFormatAndCesiumsEndlessAvailabilityAreRead() {
        FileRecord done = completed("orbits-basic-dates.czml");
        JsonNode czml = done.metadata.path("czml");
        assertEquals("availability", czml.path("intervalFrom").asText(), czml::toString);
        assertEquals("2024-06-01T10:00:00Z", czml.path("start").asText());
        assertEquals("2024-06-01T11:00:00Z", czml.path("end").asText());
        assertEquals("2024-06-01T11:00:00Z", done.metadata.path("endDatetime").asText());
    }

    /**
     * A 3D Tiles tileset (3d-tiles-tools' createTilesetJson, fixtures/README.md) is found to be one
     * when declared UNKNOWN, and placed where its root's box lies (GDAL's EPSG:4978 to 4979).
     */
    @Test
    void aTilesetIsRecognisedCountedAndPlaced() {
        FileRecord done = completed("tileset-bern.json");
        assertEquals(SourceType.TILES3D, done.sourceType);
        assertEquals("application/json", done.contentType);
        assertEquals("3D Tiles tileset", done.metadata.path("format").asText());
        JsonNode tileset = done.metadata.path("tiles3d");
        assertEquals("1.1", tileset.path("specVersion").asText());
        assertEquals(1, tileset.path("tiles").asInt());
        assertEquals("box", tileset.path("boundingVolume").asText());
        assertBox(List.of(7.4439433, 46.9463302, 7.4452567, 46.9468698), done.metadata.path("bbox"), 1e-6);
        assertEquals("file", done.metadata.path("geometrySource").asText());

        JsonNode merged = completed("tileset-bern-zurich.json").metadata;
        assertEquals(3, merged.path("tiles3d").path("tiles").asInt());
        assertEquals("Polygon", merged.path("geometry").path("type").asText());
        assertTrue(merged.path("geometry").path("coordinates").path(0).size() > 5, "the strip's outline, not its box");
    }

    /**
     * Tile contents are known by their headers' magic, version and length; one declared an image
     * fails, and so does one shorter than its header says.
     */
    @Test
    void tileContentsAreRecognisedFromTheirHeaders() {
        FileRecord batched = completed("block.b3dm");
        assertEquals(SourceType.TILES3D, batched.sourceType);
        assertEquals("3D Tiles tile", batched.metadata.path("format").asText());
        assertEquals("b3dm", batched.metadata.path("tiles3d").path("tileFormat").asText());
        assertEquals(1, batched.metadata.path("tiles3d").path("version").asInt());
        assertEquals(batched.size, batched.metadata.path("tiles3d").path("byteLength").asLong());
        FileRecord model = completed("block.glb");
        assertEquals("model/gltf-binary", model.contentType);
        assertEquals(2, model.metadata.path("tiles3d").path("version").asInt());
        assertFailedWith("b3dm-declared-image", "declared sourceType IMAGE does not match the content: the file is"
                + " 3D tiles or a 3D model (3D Tiles tile, application/octet-stream); upload it with sourceType"
                + " TILES3D, which its content suggests, or another that holds it: COMPLEX or UNKNOWN");
        assertFailedStartingWith("tileset-truncated.json", "invalid JSON at line ");
        assertFailedWith("block-truncated.b3dm", "the b3dm tile declares 960 bytes but 500 were stored: it was cut"
                + " off or has bytes after its end; upload the complete file");
    }

    /**
     * A drone's photo (EXIF written with exiftool, fixtures/README.md) is placed where it was taken
     * and dated when, in UTC from its offset; a local time without one names no instant and is kept as text.
     */
    @Test
    void aPhotosExifPlacesAndDatesIt() {
        FileRecord done = completed("photo-gps.jpg");
        assertEquals(SourceType.IMAGE, done.sourceType);
        JsonNode camera = done.metadata.path("raster").path("camera");
        assertEquals("DJI", camera.path("make").asText());
        assertEquals("FC3582", camera.path("model").asText());
        assertEquals(540, camera.path("altitude").asDouble(), 1e-9);
        assertBox(List.of(7.4446, 46.9466, 7.4446, 46.9466), done.metadata.path("bbox"), 1e-6);
        assertEquals("Point", done.metadata.path("geometry").path("type").asText());
        assertEquals("2024-05-13T08:30:00Z", done.metadata.path("datetime").asText());
        assertEquals("file", done.metadata.path("datetimeSource").asText());

        FileRecord local = completed("photo-local-time.jpg");
        assertEquals("2024:05:13 10:30:00", local.metadata.path("raster").path("camera").path("dateTimeOriginal").asText());
        assertEquals("uploaded", local.metadata.path("datetimeSource").asText());
        assertFalse(local.metadata.has("bbox"));
    }

    /**
     * Videos (ffmpeg, their places written as Android and iPhones write them, fixtures/README.md):
     * frame size, length and codec, a place and the span of the recording. The QuickTime movie's
     * box comes after its frames. A box that claims more than its parent holds leaves the video
     * undescribed (the library would have made an array of 2 GB); one cut off before its movie box fails.
     */
    @Test
    void aVideoGivesItsFramesLengthTimeAndPlace() {
        FileRecord mp4 = completed("video-gps.mp4");
        assertEquals(SourceType.FULL_MOTION_VIDEO, mp4.sourceType);
        assertEquals("video/mp4", mp4.contentType);
        JsonNode video = mp4.metadata.path("video");
        assertEquals(64, video.path("width").asInt());
        assertEquals(48, video.path("height").asInt());
        assertEquals(2.0, video.path("durationSeconds").asDouble(), 1e-9);
        assertEquals(10.0, video.path("frameRate").asDouble(), 1e-9);
        assertBox(List.of(7.4446, 46.9466, 7.4446, 46.9466), mp4.metadata.path("bbox"), 1e-6);
        assertEquals("2024-05-13T08:30:00Z", mp4.metadata.path("datetime").asText());
        assertEquals("2024-05-13T08:30:02Z", mp4.metadata.path("endDatetime").asText());

        FileRecord mov = completed("video-gps.mov");
        assertEquals("video/quicktime", mov.contentType);
        assertEquals(408, mov.metadata.path("video").path("altitude").asDouble(), 1e-9);
        assertBox(List.of(8.5417, 47.3769, 8.5417, 47.3769), mov.metadata.path("bbox"), 1e-6);

        FileRecord crafted = completed("video-huge-box.mp4");
        assertTrue(crafted.metadata.path("video").path("note").asText().contains("reach beyond it"),
                crafted.metadata::toString);
        assertFailedStartingWith("video-truncated.mp4", "the video has no movie box ('moov')");
    }

    /**
     * Sentinel products as ESA's hubs deliver them, ZIPs of SAFE directories (fixtures/README.md):
     * placed by their footprint, dated by their sensing time, their platform and mode from their
     * metadata file, and given the source type of their instrument. Any other ZIP is unrecognised.
     */
    @Test
    void aSentinelProductIsPlacedDatedAndTypedFromItsMetadataFile() {
        FileRecord radar = completed("sentinel1-grd.zip");
        assertEquals(SourceType.SAR, radar.sourceType);
        assertEquals("application/zip", radar.contentType);
        assertEquals("Sentinel SAFE product", radar.metadata.path("format").asText());
        JsonNode product = radar.metadata.path("product");
        assertEquals("Sentinel-1A", product.path("platform").asText());
        assertEquals("IW", product.path("mode").asText());
        assertEquals("GRD", product.path("productType").asText());
        assertEquals(List.of("VV", "VH"), texts(product.path("polarisations")));
        assertEquals("ascending", product.path("orbitDirection").asText());
        assertEquals(15, product.path("relativeOrbit").asInt());
        assertBox(List.of(6.242393, 46.233242, 10.034325, 48.130917), radar.metadata.path("bbox"), 1e-9);
        assertEquals("Polygon", radar.metadata.path("geometry").path("type").asText());
        assertEquals("2024-05-13T05:30:12.104618Z", radar.metadata.path("datetime").asText());
        assertEquals("2024-05-13T05:30:37.103378Z", radar.metadata.path("endDatetime").asText());

        FileRecord optical = completed("sentinel2-l2a.zip");
        assertEquals(SourceType.MULTISPECTRAL, optical.sourceType);
        JsonNode level2 = optical.metadata.path("product");
        assertEquals("Sentinel-2B", level2.path("platform").asText());
        assertEquals(12.345678, level2.path("cloudCover").asDouble(), 1e-9);
        assertEquals("S2MSI2A", level2.path("productType").asText());
        assertBox(List.of(7.661496, 46.835981, 9.12943, 47.842187), optical.metadata.path("bbox"), 1e-9);
        assertEquals("2024-05-13T10:36:19.024Z", optical.metadata.path("datetime").asText());

        assertFailedStartingWith("sentinel1-broken-manifest.zip",
                "the Sentinel product cannot be described: manifest.safe is not well-formed XML");
        FileRecord plain = completed("archive-plain.zip");
        assertEquals(SourceType.UNKNOWN, plain.sourceType);
        assertEquals("unrecognised", plain.metadata.path("format").asText());
    }

    /**
     * A Landsat product as USGS delivers it, a tar whose _MTL.json follows its bands (fixtures/README.md),
     * is described as the tar streams by: placed by its corners, dated by its scene centre time.
     */
    @Test
    void aLandsatProductIsDescribedFromTheMtlFileInItsTar() {
        FileRecord done = completed("landsat9-l2sp.tar");
        assertEquals(SourceType.MULTISPECTRAL, done.sourceType);
        assertEquals("Landsat product", done.metadata.path("format").asText());
        JsonNode product = done.metadata.path("product");
        assertEquals("Landsat-9", product.path("platform").asText());
        assertEquals(List.of("OLI", "TIRS"), texts(product.path("instruments")));
        assertEquals(195, product.path("wrsPath").asInt());
        assertEquals(27, product.path("wrsRow").asInt());
        assertEquals(23.45, product.path("cloudCover").asDouble(), 1e-9);
        assertBox(List.of(6.62338, 46.00451, 9.75316, 48.12179), done.metadata.path("bbox"), 1e-9);
        assertEquals("2024-05-13T10:14:23.567Z", done.metadata.path("datetime").asText());
        assertEquals("unrecognised", completed("archive-plain.tar").metadata.path("format").asText());
    }

    /**
     * Zipped shapefiles (ogr2ogr, fixtures/README.md): each layer's type, count, box and CRS; a
     * layer in geographic coordinates or a UTM zone is placed in WGS84 (the UTM box by GDAL, edges
     * sampled), one whose .prj names no code (ESRI's WKT of LV95) keeps its own box alone.
     */
    @Test
    void aZippedShapefilesLayersAreCountedTypedAndPlaced() {
        FileRecord layers = completed("shapefile-layers.zip");
        assertEquals(SourceType.POINT, layers.sourceType, "points in every layer");
        assertEquals("Shapefile", layers.metadata.path("format").asText());
        JsonNode vector = layers.metadata.path("vector");
        assertEquals(2, vector.path("layerCount").asInt());
        assertEquals(6, vector.path("featureCount").asInt());
        assertEquals(List.of("Point"), texts(vector.path("geometryTypes")));
        JsonNode utm = vector.path("layers").path(1);
        assertEquals("places_utm", utm.path("name").asText());
        assertEquals("WGS_1984_UTM_Zone_32N", utm.path("crs").asText());
        assertEquals(32632, utm.path("epsg").asInt());
        assertBox(List.of(6.0718808, 45.9682943, 8.9511, 47.5682736), utm.path("bboxWgs84"), 1e-6);
        assertBox(List.of(6.0718808, 45.9682943, 8.9511, 47.5682736), layers.metadata.path("bbox"), 1e-6);

        FileRecord lv95 = completed("shapefile-lv95.zip");
        JsonNode layer = lv95.metadata.path("vector").path("layers").path(0);
        assertEquals("CH1903+_LV95", layer.path("crs").asText());
        assertBox(List.of(2500016.016117, 1095811.548446, 2717161.191953, 1267664.847028), layer.path("bbox"), 1e-5);
        assertFalse(lv95.metadata.has("bbox"), "no EPSG code, no place");
    }

    /**
     * KML, KMZ and GPX (ogr2ogr, fixtures/README.md): detected by their root element, their features
     * counted and placed, their times the item's; a KML cut short fails with the parser's reason.
     */
    @Test
    void kmlKmzAndGpxAreDescribedPlacedAndTimed() {
        FileRecord kml = completed("places.kml");
        assertEquals("application/vnd.google-earth.kml+xml", kml.contentType);
        assertEquals(SourceType.GEOMETRYCOLLECTION, kml.sourceType, "points, a line and a polygon");
        assertEquals("KML", kml.metadata.path("format").asText());
        assertEquals(4, kml.metadata.path("vector").path("featureCount").asInt());
        assertBox(List.of(7.4474, 46.5367, 8.5417, 47.3769), kml.metadata.path("bbox"), 1e-9);
        assertEquals("Polygon", kml.metadata.path("geometry").path("type").asText());
        assertEquals("2024-06-01T09:15:00Z", kml.metadata.path("datetime").asText());
        assertEquals("2024-06-01T11:05:00Z", kml.metadata.path("endDatetime").asText());

        FileRecord kmz = completed("places.kmz");
        assertEquals("application/vnd.google-earth.kmz", kmz.contentType);
        assertEquals("KMZ", kmz.metadata.path("format").asText());
        assertBox(List.of(7.4474, 46.5367, 8.5417, 47.3769), kmz.metadata.path("bbox"), 1e-9);

        FileRecord gpx = completed("track.gpx");
        assertEquals("application/gpx+xml", gpx.contentType);
        assertEquals(SourceType.GEOMETRYCOLLECTION, gpx.sourceType, "waypoints and a track");
        assertEquals(4, gpx.metadata.path("vector").path("trackPointCount").asInt());
        assertBox(List.of(7.9627, 46.5367, 8.034, 46.599), gpx.metadata.path("bbox"), 1e-9);
        assertEquals("2024-07-14T06:25:00Z", gpx.metadata.path("datetime").asText());

        assertFailedStartingWith("places-truncated.kml", "the KML document cannot be read as XML");
        assertFailedStartingWith("gpx-declared-sar", "declared sourceType SAR does not match the content: the file is"
                + " vector data (GPX, application/gpx+xml); upload it with sourceType GEOMETRYCOLLECTION");
    }

    /** GML (ogr2ogr, fixtures/README.md): detected by its root element or name, placed in its CRS's axis order. */
    @Test
    void gmlFeaturesAreCountedAndPlaced() {
        FileRecord projected = completedThreePoints("places-2056.gml", "application/gml+xml", "GML");
        assertEpsg(2056, projected.metadata.path("vector"));
        assertBox(List.of(6.11028689, 46.0037, 8.99510856, 47.55969168), projected.metadata.path("bbox"), DEGREE_TOLERANCE);
        FileRecord gml2 = completed("features-gml2.gml");
        assertEquals(SourceType.GEOMETRYCOLLECTION, gml2.sourceType);
        assertBox(List.of(7.35, 46.66, 8.5417, 47.3769), gml2.metadata.path("bbox"), 1e-9);
        assertFailedStartingWith("features-4326-truncated.gml", "the GML document cannot be read as XML");
    }

    /** FlatGeobuf (ogr2ogr, fixtures/README.md): described and placed by its header; cut off in its index, FAILED. */
    @Test
    void aFlatGeobufLayerIsDescribedByItsHeader() {
        FileRecord layer = completedThreePoints("points-2056.fgb", "application/vnd.flatgeobuf", "FlatGeobuf");
        assertEpsg(2056, layer.metadata.path("vector"));
        assertBox(List.of(6.11028689, 46.0037, 8.99510856, 47.55969168), layer.metadata.path("bbox"), DEGREE_TOLERANCE);
        assertFailedWith("points-2056-truncated.fgb", "the FlatGeobuf file is truncated: its spatial index of 3 features"
                + " ends at byte 1712, but only 1600 bytes were stored; upload the complete file");
    }

    @Test
    void netCdf4GivesDimensionsAndVariablesAndClassicNetCdfItsVariant() {
        FileRecord netCdf4 = completed("temperature-nc4.nc");
        assertEquals(SourceType.NETCDF, netCdf4.sourceType);
        assertEquals("application/x-netcdf", netCdf4.contentType);
        JsonNode netcdf = netCdf4.metadata.path("netcdf");
        assertEquals("NetCDF-4 (HDF5)", netcdf.path("variant").asText());
        assertEquals(2, netcdf.path("dimensions").path("time").asInt());
        assertEquals(3, netcdf.path("dimensions").path("lat").asInt());
        assertEquals(4, netcdf.path("dimensions").path("lon").asInt());
        JsonNode temperature = null;
        for (JsonNode variable : netcdf.path("variables")) {
            if (variable.path("name").asText().equals("temperature")) {
                temperature = variable;
            }
        }
        assertTrue(temperature != null, () -> "no temperature variable in " + netcdf);
        assertEquals("[2,3,4]", temperature.path("shape").toString());
        assertEquals("[\"time\",\"lat\",\"lon\"]", temperature.path("dimensions").toString());
        assertEquals("K", temperature.path("units").asText());
        assertEquals("float", temperature.path("dataType").asText());

        FileRecord classic = completed("temperature-classic.nc");
        assertEquals("classic (CDF-1)", classic.metadata.path("netcdf").path("variant").asText());
        JsonNode classicTemperature = classic.metadata.path("netcdf").path("variables").path(3);
        assertEquals("[\"time\",\"lat\",\"lon\"]", classicTemperature.path("dimensions").toString());
        assertEquals("K", classicTemperature.path("units").asText());
    }

    /**
     * NetCDF got no place and no time: its catalog item had no geometry, so no search by box found
     * it, and the time of the upload. CF's coordinate variables give both: the box reaches half a
     * step beyond the outer cell centres (lat 46.5..47.5, lon 7..8.5 by 0.5), times are hours since
     * 2024-06-01 (0 and 6; in the unlimited file, a record apart, between the records' temperatures).
     */
    @Test
    void netCdfIsPlacedAndTimedByItsCoordinateVariables() {
        for (String fixture : List.of("temperature-nc4.nc", "temperature-classic.nc", "temperature-cdf5.nc",
                "temperature-classic-unlimited.nc")) {
            FileRecord done = completed(fixture);
            assertBox(List.of(6.75, 46.25, 8.75, 47.75), done.metadata.path("netcdf").path("bbox"), 1e-9);
            assertBox(List.of(6.75, 46.25, 8.75, 47.75), done.metadata.path("bbox"), 1e-9);
            assertEquals("Polygon", done.metadata.path("geometry").path("type").asText(), fixture);
            assertEquals("2024-06-01T00:00:00Z", done.metadata.path("datetime").asText(), fixture);
            assertEquals("2024-06-01T06:00:00Z", done.metadata.path("endDatetime").asText(), fixture);
        }
    }

    /** Classic NetCDF got a check of its signature only: no dimensions, and a file cut short COMPLETED. */
    @Test
    void classicNetCdfGivesDimensionsAndVariablesFromItsHeader() {
        for (String fixture : List.of("temperature-classic.nc", "temperature-cdf5.nc")) {
            FileRecord done = completed(fixture);
            assertEquals(SourceType.NETCDF, done.sourceType);
            JsonNode netcdf = done.metadata.path("netcdf");
            assertEquals(Map.of("time", 2, "lat", 3, "lon", 4), Map.of("time", netcdf.path("dimensions").path("time").asInt(),
                    "lat", netcdf.path("dimensions").path("lat").asInt(), "lon", netcdf.path("dimensions").path("lon").asInt()),
                    fixture);
            assertEquals(4, netcdf.path("variableCount").asInt());
            JsonNode temperature = netcdf.path("variables").path(3);
            assertEquals("temperature", temperature.path("name").asText(), netcdf::toString);
            assertEquals("[2,3,4]", temperature.path("shape").toString());
            assertEquals("float", temperature.path("dataType").asText());
        }
        assertEquals("64-bit data (CDF-5)", completed("temperature-cdf5.nc").metadata.path("netcdf").path("variant")
                .asText());
    }

    @Test
    void truncatedClassicNetCdfFailsWithWhereItsDataEndsAndTheStoredSize() {
        assertFailedWith("temperature-classic-truncated.nc", "the NetCDF file is truncated: its header places data up"
                + " to byte 512 but only 500 bytes were stored; upload the complete file");
    }

    /** A group linked inside itself used to be walked for ever, and the file never left IN_PROGRESS. */
    @Test
    void hdf5WithHardLinksInACycleListsEachDatasetOnce() {
        JsonNode hdf5 = completed("linked-groups.h5").metadata.path("netcdf");
        assertEquals("HDF5", hdf5.path("variant").asText());
        assertEquals(1, hdf5.path("variableCount").asInt(), hdf5::toString);
        assertEquals("a/values", hdf5.path("variables").path(0).path("name").asText());
    }

    @Test
    void truncatedTiffFailsSayingItIsTruncated() {
        assertFailedWith("geotiff-4326-truncated.tif", "the TIFF file is truncated: its directory points to image data"
                + " beyond its last byte (450 bytes stored); upload the complete file");
    }

    /** Its reader ran out of bytes (EOFException), which the worker took for a storage fault and retried. */
    @Test
    void tiffWiderThanItsPixelsFailsAtOnceSayingItIsTruncated() {
        assertFailedWith("geotiff-4326-wider.tif", "the TIFF file is truncated: it holds fewer pixels than its width"
                + " and height call for (566 bytes stored); upload the complete file");
    }

    @Test
    void truncatedImagesFailAsDamaged() {
        assertFailedStartingWith("image-truncated.png", "the PNG image is damaged or truncated (");
        assertFailedStartingWith("image-truncated.jpg", "the JPEG image is damaged or truncated (");
        assertFailedWith("image-truncated.jp2", "the JPEG 2000 file is damaged or truncated: its \"jp2c\" box declares"
                + " 586 bytes, more than the 123 left in the file");
    }

    /** The decoder's own Error escaped the worker, which then left the file IN_PROGRESS until its lease passed. */
    @Test
    void jpeg2000TheDecoderCannotHandleFailsSayingSo() {
        assertFailedWith("image-huge-tile.jp2", "the JPEG 2000 file could not be read: its reader stopped with"
                + " NotImplementedError (Tile length larger than maximum supported); it is damaged or uses what the"
                + " reader cannot decode");
    }

    /** The decoder sets up each tile while reading the header: these 963 bytes took a 384 MB heap and the worker. */
    @Test
    void jpeg2000DeclaringMoreTilesThanTheFormatAllowsFailsBeforeTheDecoderSetsThemUp() {
        assertFailedWith("image-too-many-tiles.jp2", "the JPEG 2000 image is damaged: its header declares 4687500"
                + " tiles of 32 x 24 pixels for an image of 60000 x 60000, more than the 65535 the format allows");
    }

    /** The decoder read each box into an array of the length it declares: this one took the heap. */
    @Test
    void jpeg2000BoxLongerThanTheFileFailsBeforeTheDecoderAllocatesIt() {
        assertFailedWith("image-huge-box.jp2", "the JPEG 2000 file is damaged or truncated: its \"ftyp\" box declares"
                + " 2147483647 bytes, more than the 951 left in the file");
    }

    /** Tile offsets beyond the image made the decoder size its tables from garbage, and take the heap. */
    @Test
    void jpeg2000WhoseSizesBreakTheStandardsRulesFailsBeforeTheDecoderSizesItsTables() {
        assertFailedWith("image-bad-tile-offset.jp2", "the JPEG 2000 image is damaged: the sizes in its header"
                + " contradict each other (image 8192 x 6120 from 0, 0; tiles 32 x 24 from 65407, 2147418112;"
                + " 3 components)");
    }

    @Test
    void jpeg2000WithMoreTilesTimesBandsThanTheWorkerSetsUpIsDescribedFromItsHeader() {
        JsonNode image = completed("image-many-tiles.jp2").metadata.path("raster");
        assertEquals(8192, image.path("width").asInt(), image::toString);
        assertEquals(6120, image.path("height").asInt());
        assertEquals(3, image.path("bands").asInt());
        assertTrue(image.path("note").asText().startsWith("the image was not read beyond its header, which declares"
                + " 65280 tiles of 32 x 24 pixels"), image::toString);
    }

    @Test
    void bytesOfNoImageUnderAnImageNameFailSayingTheNameIsAllThatSaysImage() {
        assertFailedWith("noise-named-tif",
                "the file is named like a TIFF image but its bytes are not one (they do not start with a TIFF signature)");
    }

    @Test
    void invalidJsonFailsWithTheLineAndColumnOfTheError() {
        FileRecord geoJson = assertFailedStartingWith("features-invalid.geojson", "invalid JSON at line ");
        assertTrue(geoJson.failureReason.contains("Unexpected end-of-input"), geoJson.failureReason);
        assertFailedStartingWith("orbits-truncated.czml", "invalid JSON at line ");
    }

    /** PostgreSQL stores no U+0000, and an event over Kafka's message size would stop the outbox. */
    @Test
    void textFromAFileIsStoredWithoutU0000AndCutToALength() {
        FileRecord done = completed("czml-nul-long-name");
        String name = done.metadata.path("czml").path("name").asText();
        assertTrue(name.startsWith("orbits of 2024xxx"), name);
        assertEquals(1000, name.length());
        assertTrue(name.endsWith("…"), name);
    }

    /** Jackson reports bad UTF-32 apart from other JSON errors; it was retried as a storage fault. */
    @Test
    void jsonInABrokenUnicodeEncodingFailsAtOnceAsTheFilesFault() {
        assertFailedStartingWith("json-bad-utf32", "invalid JSON: the text is not in a Unicode encoding");
    }

    @Test
    void aCzmlIntervalBeyondTheYearsTheCatalogWritesFails() {
        FileRecord done = assertFailedStartingWith("czml-year-300000", "invalid CZML: the interval of the document clock");
        assertTrue(done.failureReason.endsWith("does not lie between 0000-01-01 and 9999-12-31"), done.failureReason);
    }

    @Test
    void truncatedNetCdf4FailsWithDeclaredAndStoredSizes() {
        assertFailedWith("temperature-nc4-truncated.nc",
                "the HDF5 file is truncated: it declares 8332 bytes but only 3000 were stored; upload the complete file");
    }

    @Test
    void contentOfAnotherKindThanDeclaredFailsNamingWhatItIs() {
        assertFailedWith("png-declared-netcdf", "declared sourceType NETCDF does not match the content: the file is"
                + " a raster image (PNG, image/png); upload it with sourceType IMAGE, which its content suggests, or"
                + " another that holds it: COMPLEX, HEIGHTMAP, HYPERSPECTRAL, LAND_SUBSIDENCE, MULTISPECTRAL,"
                + " PANCHROMATIC, SAR, THERMAL, TILES3D or UNKNOWN");
        assertFailedWith("geojson-declared-czml", "declared sourceType CZML does not match the content: the file is"
                + " vector data (GeoJSON, application/geo+json); upload it with sourceType GEOMETRYCOLLECTION,"
                + " which its content suggests, or another that holds it: ANNOTATION, COMPLEX, LINESTRING, POINT,"
                + " POLYGON, TILES3D or UNKNOWN");
    }

    private void store(String fixture, SourceType sourceType) {
        store(fixture, sourceType, row -> {
        });
    }

    private void store(String fixture, SourceType sourceType, Consumer<FileRecord> adjust) {
        sent.put(fixture, pipeline.storedFixture(fixture, sourceType, adjust));
    }

    private void storeAs(String label, String fixture, SourceType sourceType) {
        sent.put(label, pipeline.storedFixture(fixture, sourceType, row -> {
        }));
    }

    private FileRecord completed(String label) {
        FileRecord done = pipeline.awaitTerminal(sent.get(label).id);
        assertEquals(FileStatus.COMPLETED, done.status, () -> label + " failed with: " + done.failureReason);
        return done;
    }

    /** A fixture of the three Swiss towns of points.geojson, in the format named, sent as UNKNOWN. */
    private FileRecord completedThreePoints(String label, String contentType, String format) {
        FileRecord done = completed(label);
        assertEquals(contentType, done.contentType);
        assertEquals(SourceType.POINT, done.sourceType);
        assertEquals(format, done.metadata.path("format").asText());
        assertEquals(3, done.metadata.path("vector").path("featureCount").asInt());
        return done;
    }

    private void assertFailedWith(String label, String reason) {
        FileRecord done = pipeline.awaitTerminal(sent.get(label).id);
        assertEquals(FileStatus.FAILED, done.status, label);
        assertEquals(reason, done.failureReason, label);
    }

    private FileRecord assertFailedStartingWith(String label, String start) {
        FileRecord done = pipeline.awaitTerminal(sent.get(label).id);
        assertEquals(FileStatus.FAILED, done.status, label);
        assertTrue(done.failureReason.startsWith(start), () -> label + ": " + done.failureReason);
        assertFalse(done.failureReason.contains("\tat "), "a reason, not a stack trace");
        return done;
    }

    private FileStatusChanged completionEvent(FileRecord file) {
        List<FileStatusChanged> events = pipeline.statusEvents(file.id);
        return events.stream().filter(event -> event.status() == FileStatus.COMPLETED).findFirst()
                .orElseThrow(() -> new AssertionError("no COMPLETED event in " + events));
    }

    private static void assertRaster(JsonNode metadata, int width, int height, int bands, String dataType) {
        JsonNode raster = metadata.path("raster");
        assertEquals(width, raster.path("width").asInt());
        assertEquals(height, raster.path("height").asInt());
        assertEquals(bands, raster.path("bands").asInt());
        assertEquals(dataType, raster.path("dataType").asText());
    }

    /** A raster fixture's file, once its CRS and its box in that CRS are checked. */
    private FileRecord placed(String fixture, int epsg, List<Double> bbox, double tolerance) {
        FileRecord done = completed(fixture);
        assertEpsg(epsg, done.metadata.path("raster"));
        assertBox(bbox, done.metadata.path("raster").path("bbox"), tolerance);
        return done;
    }

    /** The CRS by its EPSG code, as text and as a number. */
    private static void assertEpsg(int code, JsonNode details) {
        assertEquals("EPSG:" + code, details.path("crs").asText(), details::toString);
        assertEquals(code, details.path("epsg").asInt());
    }

    private static void assertBox(List<Double> expected, JsonNode actual, double tolerance) {
        assertEquals(4, actual.size(), () -> "not a bbox: " + actual);
        for (int i = 0; i < 4; i++) {
            assertEquals(expected.get(i), actual.get(i).asDouble(), tolerance, "bbox " + actual + " at " + i);
        }
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
