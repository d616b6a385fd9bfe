package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.file.SourceType;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

class RasterReaderTest {
    private static final int SIDE = 10_000;
    private static final double DEGREE_TOLERANCE = 1e-4;
    /** A strip of 40 MiB, decoded within the worker's 64 MiB but not beside another such. */
    private static final int DECODED_WHILE_OTHERS_WAIT = 6_400;

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

    /**
     * The JDK's TIFF reader refuses a DateTime tag of other than 20 bytes (19 characters and a NUL),
     * which libtiff and GDAL read: such files FAILED as "the TIFF image is damaged or truncated
     * (Unexpected count 19 for DateTime field)". GDAL writes the date it is given as it is given
     * ({@code -mo TIFFTAG_DATETIME=2024-06-01T10:00:00Z}); a date in no format known, or of a year
     * the catalog cannot write, is left out.
     */
    @Test
    void aTiffWhoseDateTimeIsNotTwentyBytesIsReadAndDecoded() throws IOException {
        Optional<Instant> june = Optional.of(Instant.parse("2024-06-01T10:00:00Z"));
        Map<String, Optional<Instant>> dates = Map.of(
                "2024:06:01 10:00:00", june,
                "2024:06:01 10:00:00\0\0\0\0\0", june,
                "2024-06-01T10:00:00Z\0", june,
                "2024-06-01T12:00:00+02:00\0", june,
                "June 2024\0", Optional.empty(),
                "+12345-01-01T00:00:00Z\0", Optional.empty(),
                "-0001-01-01T00:00:00Z\0", Optional.empty());
        for (Map.Entry<String, Optional<Instant>> date : dates.entrySet()) {
            Path file = Files.write(directory.resolve("dated.tif"),
                    Tiffs.singleStrip(64, date.getKey().getBytes(StandardCharsets.US_ASCII)));

            FormatReport report = RasterReader.read(file, Format.TIFF, "image/tiff");

            assertEquals(Optional.empty(), report.problem(), date.getKey());
            assertEquals(date.getValue(), report.start(), date.getKey());
            assertFalse(report.details().has("note"), "its pixels were decoded: " + report.details());
        }
    }

    /** Its pixels are still decoded, and damage to them still fails the file. */
    @Test
    void aTiffWithSuchADateTimeWhosePixelsAreDamagedStillFails() throws IOException {
        byte[] tiff = Tiffs.singleStrip(64, "2024:06:01 10:00:00".getBytes(StandardCharsets.US_ASCII));
        // The zlib header at the start of its strip, whose offset is the sixth directory entry's value.
        tiff[ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN).getInt(8 + 2 + 5 * 12 + 8)] = 0;
        Path file = Files.write(directory.resolve("damaged.tif"), tiff);

        FormatReport report = RasterReader.read(file, Format.TIFF, "image/tiff");

        assertEquals(Optional.of("the TIFF image is damaged or truncated (incorrect header check)"),
                report.problem());
    }

    /**
     * A file waiting for other files' decoding waited past the read timeout, and FAILED as one
     * "which a damaged file can cause"; the wait did not end when its reader was given up on.
     */
    @Test
    void aFileThatWaitsInVainToDecodeIsReadAgainNotFailed() throws Exception {
        Path file = Files.write(directory.resolve("waits.tif"), Tiffs.singleStrip(DECODED_WHILE_OTHERS_WAIT));
        RasterReader.DECODING_MIB.acquire(64);
        try {
            IOException thrown = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThrows(IOException.class,
                    () -> RasterReader.read(file, Format.TIFF, "image/tiff", Duration.ofMillis(200))));

            assertEquals("the worker was decoding other images: 40 MiB of its 64 MiB for strips or tiles did not"
                    + " come free within 0 s", thrown.getMessage());
        } finally {
            RasterReader.DECODING_MIB.release(64);
        }
    }

    /** A reader that waited uninterruptibly counted as stuck, and its healthy worker was restarted. */
    @Test
    void aFileWaitingToDecodeStopsWhenItsReaderIsGivenUpOn() throws Exception {
        WaitingReader reader;
        RasterReader.DECODING_MIB.acquire(64);
        try {
            reader = waitingToDecode("waits.tif");
            reader.thread().interrupt();
            reader.thread().join(5_000);

            assertFalse(reader.thread().isAlive(), "the reader still waits");
        } finally {
            RasterReader.DECODING_MIB.release(64);
        }
        ExecutionException thrown = assertThrows(ExecutionException.class, reader.reading()::get);
        assertInstanceOf(InterruptedIOException.class, thrown.getCause());
    }

    /** A file waiting for 40 MiB of the budget is not passed over by files that need less, however many come. */
    @Test
    void aFileWaitingToDecodeIsServedBeforeFilesThatAskLater() throws Exception {
        WaitingReader reader;
        RasterReader.DECODING_MIB.acquire(40);
        try {
            reader = waitingToDecode("waits-its-turn.tif");

            assertFalse(RasterReader.DECODING_MIB.tryAcquire(8, 0, TimeUnit.SECONDS),
                    "a later, smaller file took the budget the waiting file is owed");
        } finally {
            RasterReader.DECODING_MIB.release(40);
        }
        assertEquals(Optional.empty(), reader.reading().get(30, TimeUnit.SECONDS).problem());
    }

    /** A reader of a file of one 40 MiB strip, started and waiting for its part of the budget, which the test holds. */
    private WaitingReader waitingToDecode(String name) throws Exception {
        Path file = Files.write(directory.resolve(name), Tiffs.singleStrip(DECODED_WHILE_OTHERS_WAIT));
        FutureTask<FormatReport> reading = new FutureTask<>(() -> RasterReader.read(file, Format.TIFF, "image/tiff"));
        Thread thread = new Thread(reading);
        thread.start();
        while (!RasterReader.DECODING_MIB.hasQueuedThreads()) {
            Thread.sleep(10);
        }
        return new WaitingReader(thread, reading);
    }

    private record WaitingReader(Thread thread, FutureTask<FormatReport> reading) {
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

    /**
     * Polar stereographic grids of 2,000 km around the pole (NSIDC's Arctic and Antarctic CRSs): the
     * pole lies inside the box, on none of its edges, and the data around it at every longitude.
     * The latitudes of the corners, furthest from the pole, are PROJ's (fixtures/README.md).
     */
    @ParameterizedTest
    @CsvSource({"geotiff-3413.tif, 76.99881553, 90", "geotiff-3031.tif, -90, -77.03740063"})
    void aPolarGridAroundThePoleReachesItAtAllLongitudes(String fixture, double south, double north) throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/" + fixture).toURI());

        Bounds wgs84 = RasterReader.read(file, Format.TIFF, "image/tiff").wgs84Bounds().orElseThrow();

        assertEquals(-180, wgs84.minX());
        assertEquals(south, wgs84.minY(), DEGREE_TOLERANCE);
        assertEquals(180, wgs84.maxX());
        assertEquals(north, wgs84.maxY(), DEGREE_TOLERANCE);
    }
    /** A DEM in a compound CRS: heights above EGM96, which a user of the heights must know. */
    /**
     * The affine map from pixels to the CRS (STAC's proj:transform, GDAL's geotransform in another
     * order), also of a rotated raster, whose box is that of its four corners (as gdalinfo lists them).
     */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "geotiff-4326.tif; [0.05,0.0,7.0,0.0,-0.05,47.0]; [7.0,46.5,8.0,47.0]",
        "geotiff-4326-rotated.tif; [0.05,0.01,7.0,0.01,-0.05,47.0]; [7.0,46.5,8.1,47.2]"})
    void aGeoTiffGivesTheTransformOfItsPixels(String fixture, String transform, String box) throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/" + fixture).toURI());
        FormatReport report = RasterReader.read(file, Format.TIFF, "image/tiff");

        assertEquals(transform, report.details().path("transform").toString());
        double[] expected = Arrays.stream(box.substring(1, box.length() - 1).split(",")).mapToDouble(Double::parseDouble)
                .toArray();
        for (int edge = 0; edge < 4; edge++) {
            assertEquals(expected[edge], report.details().path("bbox").path(edge).asDouble(), 1e-9, report.details()::toString);
        }
    }

    /**
     * A raster whose box says more than where it lies is outlined: a rotated grid and one placed by
     * ground control points by their corners (gdalinfo), a national grid by its corners in WGS84
     * (gdaltransform, fixtures/README.md). The ring is counterclockwise, as RFC 7946 asks, and the
     * box is the outline's.
     */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "geotiff-4326-rotated.tif; 7.0 47.0, 8.0 47.2, 8.1 46.7, 7.1 46.5",
        "geotiff-4326-gcps.tif; 7.0 47.0, 8.0 47.1, 7.9 46.6, 6.9 46.5",
        "geotiff-2056.tif; 7.43863050 47.05902375, 7.64923136 47.05883220, 7.64880985 46.95089161, 7.43863242 46.95108277"})
    void aRotatedOrProjectedRasterIsOutlinedByItsCorners(String fixture, String corners) throws Exception {
        FormatReport report = RasterReader.read(fixture(fixture), Format.TIFF, "image/tiff");

        Polygon outline = report.footprint().orElseThrow();
        Coordinate[] ring = outline.getExteriorRing().getCoordinates();
        assertEquals(5, ring.length, outline::toText);
        for (String corner : corners.split(", ")) {
            String[] lonLat = corner.split(" ");
            Coordinate expected = new Coordinate(Double.parseDouble(lonLat[0]), Double.parseDouble(lonLat[1]));
            assertTrue(Arrays.stream(ring).anyMatch(vertex -> vertex.distance(expected) < 1e-7),
                    () -> corner + " is not a corner of " + outline.toText());
        }
        assertTrue(Orientation.isCCW(outline.getExteriorRing().getCoordinateSequence()), outline::toText);
        Envelope box = outline.getEnvelopeInternal();
        assertEquals(Optional.of(new Bounds(box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY())),
                report.wgs84Bounds());
    }

    /**
     * The edges of a grid far from its projection's centre curve in longitude and latitude: the
     * outline follows them, and leaves out the corner of the box that the scene does not reach.
     */
    @Test
    void anOutlineFollowsEdgesThatCurveInLongitudeAndLatitude() throws Exception {
        FormatReport report = RasterReader.read(fixture("geotiff-userdefined-stere.tif"), Format.TIFF, "image/tiff");

        Polygon outline = report.footprint().orElseThrow();
        GeometryFactory factory = outline.getFactory();
        assertTrue(outline.getExteriorRing().getNumPoints() > 5, outline::toText);
        // gdalinfo: the centre, and the lower left corner 50d11'39.94"W 79d49'45.94"N
        assertTrue(outline.contains(factory.createPoint(new Coordinate(-45, 80.787814))), outline::toText);
        assertFalse(outline.contains(factory.createPoint(new Coordinate(-51.2, 79.84))), outline::toText);
        assertTrue(report.wgs84Bounds().orElseThrow().envelope().contains(-51.2, 79.84));
    }

    /**
     * A grid in longitude and latitude is its box, and a scene across the antimeridian or around a
     * pole is described by its box (split at the antimeridian, or at all longitudes) alone.
     */
    @ParameterizedTest
    @ValueSource(strings = {"geotiff-4326.tif", "geotiff-32601-antimeridian.tif", "geotiff-3413.tif", "geotiff-3031.tif"})
    void aRasterWhoseBoxIsWhereItLiesHasNoOutline(String fixture) throws Exception {
        FormatReport report = RasterReader.read(fixture(fixture), Format.TIFF, "image/tiff");

        assertTrue(report.wgs84Bounds().isPresent(), fixture);
        assertEquals(Optional.empty(), report.footprint().map(Polygon::toText));
    }

    /**
     * A Sentinel-1 scene over the Aleutians, placed by ground control points on either side of the
     * antimeridian, had the box from -179.7 to 179.5 (every longitude but its own) and a footprint
     * round the world: its box crosses the antimeridian, and stands for its footprint, as a UTM
     * zone 1 scene's does. In NAD83 too, whose box is placed in WGS84 through its CRS.
     */
    @ParameterizedTest
    @ValueSource(strings = {"geotiff-4326-gcps-antimeridian.tif", "geotiff-4269-gcps-antimeridian.tif"})
    void groundControlPointsAcrossTheAntimeridianGiveABoxAcrossIt(String fixture) throws Exception {
        FormatReport report = RasterReader.read(fixture(fixture), Format.TIFF, "image/tiff");

        assertEquals(Optional.empty(), report.problem());
        assertEquals("[179.3,51.0,-179.5,52.2]", report.details().path("bbox").toString());
        Bounds wgs84 = report.wgs84Bounds().orElseThrow();
        assertEquals(179.3, wgs84.minX(), DEGREE_TOLERANCE, wgs84::toString);
        assertEquals(51, wgs84.minY(), DEGREE_TOLERANCE, wgs84::toString);
        assertEquals(-179.5, wgs84.maxX(), DEGREE_TOLERANCE, wgs84::toString);
        assertEquals(52.2, wgs84.maxY(), DEGREE_TOLERANCE, wgs84::toString);
        assertEquals(Optional.empty(), report.footprint().map(Polygon::toText));
    }

    /**
     * Copernicus land products and scaled elevation models store integers that GDAL's metadata
     * scales, offsets and gives a unit, per band: the worker read none of it.
     */
    @Test
    void gdalsScaleOffsetAndUnitOfEachBandAreRead() throws Exception {
        FormatReport report = RasterReader.read(fixture("geotiff-4326-scale-offset.tif"), Format.TIFF, "image/tiff");

        assertEquals(Optional.empty(), report.problem());
        assertEquals("[{\"scale\":1.0E-4,\"offset\":-0.2,\"unit\":\"metre\"},"
                + "{\"scale\":0.5,\"offset\":10.0,\"unit\":\"metre\"}]",
                report.details().path("bandScaling").toString());
    }

    /**
     * GDAL writes 16-bit floats (Float32 with NBITS=16), for which in five bands or more the JDK's
     * TIFF reader has no image type: valid files FAILED as "damaged or truncated". Like other TIFFs
     * it cannot decode, such a file is described from its tags.
     */
    @Test
    void aFloat16TiffIsDescribedFromItsTagsNotFailed() throws Exception {
        FormatReport report = RasterReader.read(fixture("geotiff-4326-float16.tif"), Format.TIFF, "image/tiff");

        assertEquals(Optional.empty(), report.problem());
        assertEquals(8, report.details().path("width").asInt());
        assertEquals(8, report.details().path("height").asInt());
        assertEquals(5, report.details().path("bands").asInt());
        assertEquals("float16", report.details().path("dataType").asText());
        assertEquals("EPSG:4326", report.details().path("crs").asText());
        assertEquals(Optional.of(new Bounds(7, 46, 8, 47)), report.wgs84Bounds());
        assertTrue(report.details().path("note").asText().startsWith("the pixels were not decoded to check them:"
                + " the worker has no decoder for float16 samples;"), report.details()::toString);
    }

    /**
     * A geographic CRS on a sphere of its own, as MODIS products use (GeographicTypeGeoKey
     * user-defined), had no place: only projected CRSs got a definition. A grid in longitude and
     * latitude is its box (gdaltransform places its corners where they are, fixtures/README.md).
     */
    @Test
    void aUserDefinedGeographicCrsIsPlaced() throws Exception {
        FormatReport report = RasterReader.read(fixture("geotiff-userdefined-longlat.tif"), Format.TIFF, "image/tiff");

        assertEquals("user-defined (no EPSG code in the GeoKeys)", report.details().path("crs").asText());
        assertEquals("+proj=longlat +a=6371007.181 +b=6371007.181 +no_defs",
                report.details().path("projDefinition").asText());
        assertEquals("[7.0,46.5,8.0,47.0]", report.details().path("bboxWgs84").toString());
        assertEquals(Optional.of(new Bounds(7, 46.5, 8, 47)), report.wgs84Bounds());
        assertEquals(Optional.empty(), report.footprint().map(Polygon::toText));
    }

    private Path fixture(String name) throws Exception {
        return Path.of(getClass().getResource("/fixtures/" + name).toURI());
    }

    @Test
    void aCompoundCrsGivesItsVerticalCrsBesideTheHorizontalOne() throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/geotiff-32632-egm96-heights.tif").toURI());

        FormatReport report = RasterReader.read(file, Format.TIFF, "image/tiff");

        assertEquals("EPSG:32632", report.details().path("crs").asText());
        assertEquals("EPSG:5773", report.details().path("verticalCrs").asText());
        assertEquals(5773, report.details().path("verticalEpsg").asInt());
    }
    /**
     * Tiles GDAL leaves out of a sparse file (offset and byte count 0) are no data, not damage: the
     * file FAILED as "damaged or truncated (Index 0 out of bounds for length 0)".
     */
    @Test
    void aSparseGeoTiffIsDescribedFromItsTagsNotFailed() throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/geotiff-4326-sparse-cog.tif").toURI());

        FormatReport report = RasterReader.read(file, Format.TIFF, "image/tiff");

        assertEquals(Optional.empty(), report.problem());
        assertEquals(Format.CLOUD_OPTIMIZED_GEOTIFF, report.format());
        assertEquals(Optional.of(new Bounds(7, 46, 8, 47)), report.wgs84Bounds());
        assertTrue(report.details().path("note").asText().contains("sparse"), report.details()::toString);
    }

    /** A raw JPEG 2000 codestream (.j2k, without the JP2 boxes) is read as JPEG 2000: it was content of no known format. */
    @Test
    void aRawJpeg2000CodestreamIsReadAsJpeg2000() throws Exception {
        Path file = Path.of(RasterReaderTest.class.getResource("/fixtures/image-codestream.j2k").toURI());
        FormatReaders.Plan plan = JsonReaders.parsingWith(new ObjectMapper())
                .plan("image/x-jp2-codestream", Files.readAllBytes(file), "image.j2k", SourceType.UNKNOWN);

        FormatReport report = assertInstanceOf(FormatReaders.Plan.FromFile.class, plan).reader().read(file);
        assertEquals(Format.JPEG2000, report.format());
        assertEquals(Optional.empty(), report.problem());
        assertEquals(32, report.details().path("width").asInt(), report.details()::toString);
        assertEquals(24, report.details().path("height").asInt());
        assertEquals(3, report.details().path("bands").asInt());
    }
}
