package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.imageio.stream.FileImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;

class NetCdfReaderTest {
    private static final int RECORD_COLUMNS = 4;
    /** A record: its time (a double) and a row of {@value #RECORD_COLUMNS} floats. */
    private static final int RECORD_BYTES = 8 + 4 * RECORD_COLUMNS;


    @TempDir
    Path directory;

    /**
     * A CDF-2 header whose first dimension name claims 2 GiB, in a file larger than that (sparse
     * here): its parser allocated an array of (int) 2^31 bytes, negative, and its
     * NegativeArraySizeException was retried as a storage fault until the file FAILED as one.
     * A name just under the file's size took that much heap instead.
     */
    @Test
    void aNameLongerThanNetCdfAllowsIsDamageNotAnAllocation() throws Exception {
        Path file = directory.resolve("long-name.nc");
        ByteBuffer header = ByteBuffer.allocate(16).put("CDF".getBytes(StandardCharsets.US_ASCII)).put((byte) 2)
                .putInt(0).putInt(0x0A).putInt(1);
        try (RandomAccessFile written = new RandomAccessFile(file.toFile(), "rw")) {
            written.write(header.array());
            written.writeInt(Integer.MIN_VALUE);
            written.setLength(3L << 30);
        }

        FormatReport report = NetCdfReader.classic(file);

        assertEquals(Optional.of("the NetCDF header is damaged: a name of 2147483648 bytes is longer than the 256"
                + " NetCDF allows"), report.problem());
    }

    /**
     * jHDF allocates a buffer of the size a structure declares before reading it: this 2 KB file,
     * whose root group header claims 512 MiB, ran the worker out of memory (and so stopped it).
     */
    @Test
    void aStructureDeclaringMoreBytesThanTheFileHoldsIsDamageNotAnAllocation() throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/linked-groups-huge-header.h5").toURI());

        String output = SmallHeap.run("64m", ReadHdf5.class, file.toString());

        assertTrue(output.lines().anyMatch(line -> line.startsWith("the HDF5 structure is damaged or truncated (")),
                output);
    }
    /**
     * A swath (latitude and longitude per pixel, as level-2 satellite products give them) across
     * the antimeridian, its longitudes packed as shorts scaled by 0.01, a corner pixel filled: the
     * box of its valid pixel centres, across the antimeridian. It had no place.
     */
    @Test
    void aSwathIsPlacedByItsPixelsLatitudesAndLongitudes() throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/swath-nc4.nc").toURI());

        FormatReport report = NetCdfReader.hdf5(file);

        Bounds box = report.wgs84Bounds().orElseThrow(() -> new AssertionError(report.details().toString()));
        assertEquals(177.5, box.minX(), 1e-4);
        assertEquals(10, box.minY(), 1e-4);
        assertEquals(-178.5, box.maxX(), 1e-4);
        assertEquals(13, box.maxY(), 1e-4);
        assertEquals("swath coordinates latitude, longitude", report.details().path("placedBy").asText());
    }
    /**
     * A CF vertical coordinate (pressure levels in hPa, {@code positive = "down"}) gives the levels
     * the data lie on, read from a NetCDF-4 and a classic file alike: a cube's levels were an
     * unnamed dimension. A coordinate of no known axis (wavelengths) gives its values too.
     */
    @ParameterizedTest
    @ValueSource(strings = {"levels-nc4.nc", "levels-classic.nc"})
    void aVerticalCoordinateGivesTheLevels(String fixture) throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/" + fixture).toURI());

        FormatReport report = fixture.endsWith("nc4.nc") ? NetCdfReader.hdf5(file) : NetCdfReader.classic(file);

        assertEquals("level", report.details().path("axes").path("z").asText(), report.details()::toString);
        JsonNode levels = report.details().path("vertical");
        assertEquals("[500.0,1000.0]", levels.path("extent").toString());
        assertEquals("[1000.0,850.0,500.0]", levels.path("values").toString());
        assertEquals("hPa", levels.path("units").asText());
        assertEquals("down", levels.path("positive").asText());
        JsonNode band = report.details().path("coordinates").path("band");
        assertEquals("{\"extent\":[490.0,560.0],\"values\":[490.0,560.0],\"units\":\"nm\"}", band.toString());
        List<String> described = new ArrayList<>();
        report.details().path("coordinates").fieldNames().forEachRemaining(described::add);
        assertEquals(List.of("band"), described, "only the coordinates of no known axis");
    }

    /**
     * A grid in projection coordinates (CF's projection_x/y_coordinate, in m or km) whose grid
     * mapping names its CRS in well-known text (GDAL's spatial_ref, CF's crs_wkt in WKT2): its box
     * in that CRS, its EPSG code, and its place in WGS84, expected as gdaltransform puts its edges
     * (fixtures/README.md). GDAL's NetCDF of a UTM scene had no place.
     */
    @ParameterizedTest
    @CsvSource({
        "utm-grid-nc4.nc, 32632, 500000, 5299550, 500600, 5300000, 9.0, 47.8492928, 9.0080207, 47.8533419",
        "utm-grid-classic.nc, 32632, 500000, 5299550, 500600, 5300000, 9.0, 47.8492928, 9.0080207, 47.8533419",
        "laea-grid-km-nc4.nc, 3035, 4195000, 2575000, 4235000, 2605000, 8.3587336, 46.2756879, 8.8853272, 46.5524839",
        "laea-grid-km-classic.nc, 3035, 4195000, 2575000, 4235000, 2605000, 8.3587336, 46.2756879, 8.8853272, 46.5524839"})
    void aProjectedGridIsPlacedByTheCrsOfItsGridMapping(String fixture, int epsg, double minX, double minY, double maxX,
            double maxY, double west, double south, double east, double north) throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/" + fixture).toURI());

        FormatReport report = fixture.endsWith("nc4.nc") ? NetCdfReader.hdf5(file) : NetCdfReader.classic(file);

        JsonNode details = report.details();
        assertEquals(epsg, details.path("epsg").asInt(), details::toString);
        assertEquals("EPSG:" + epsg, details.path("crs").asText());
        assertEquals(List.of(minX, minY, maxX, maxY), numbers(details.path("bbox")));
        assertEquals("x", details.path("axes").path("x").asText());
        Bounds box = report.wgs84Bounds().orElseThrow(() -> new AssertionError(details.toString()));
        assertEquals(west, box.minX(), 1e-6);
        assertEquals(south, box.minY(), 1e-6);
        assertEquals(east, box.maxX(), 1e-6);
        assertEquals(north, box.maxY(), 1e-6);
        assertTrue(report.footprint().isPresent(), "outlined as a grid in its CRS");
        assertFalse(details.path("coordinates").has("x"), "x places the data: not listed as another coordinate");
    }

    /**
     * A grid mapping given by its CF parameters alone (no well-known text, no code), as NSIDC's
     * polar grids and Daymet's Lambert grid are written: placed by the PROJ definition of those
     * parameters, expected as gdaltransform puts the edges from the same definition.
     */
    @ParameterizedTest
    @CsvSource({
        "polar-grid-classic.nc, +proj=stere, -1012500, -1037500, -937500, -987500,"
                + " -90.7161599, 76.6755760, -87.1014232, 77.4783828",
        "lcc-grid-km-nc4.nc, +proj=lcc, 499500, -302500, 502500, -299500, -93.9199287, 39.4719693, -93.8808682, 39.5022360"})
    void aGridMappingOfCfParametersPlacesTheGrid(String fixture, String projection, double minX, double minY,
            double maxX, double maxY, double west, double south, double east, double north) throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/" + fixture).toURI());

        FormatReport report = fixture.endsWith("nc4.nc") ? NetCdfReader.hdf5(file) : NetCdfReader.classic(file);

        JsonNode details = report.details();
        assertFalse(details.has("epsg"), details::toString);
        assertTrue(details.path("projDefinition").asText().startsWith(projection + " "), details::toString);
        if (fixture.endsWith("nc4.nc")) {
            List<String> tmax = new ArrayList<>();
            details.path("variables").forEach(variable -> {
                if (variable.path("name").asText().equals("tmax")) {
                    tmax.add(variable.path("dataType").asText());
                }
            });
            assertEquals(List.of("ushort"), tmax, "as NetCDF names it, not as the Java type jHDF widens it to");
        }
        assertEquals(List.of(minX, minY, maxX, maxY), numbers(details.path("bbox")));
        Bounds box = report.wgs84Bounds().orElseThrow(() -> new AssertionError(details.toString()));
        assertEquals(west, box.minX(), 1e-6);
        assertEquals(south, box.minY(), 1e-6);
        assertEquals(east, box.maxX(), 1e-6);
        assertEquals(north, box.maxY(), 1e-6);
    }

    private static List<Double> numbers(JsonNode array) {
        List<Double> numbers = new ArrayList<>();
        array.forEach(number -> numbers.add(number.asDouble()));
        return numbers;
    }

    /**
     * A swath inclined with its orbit covers a slanted strip of its box: its footprint is the hull
     * of its edge pixels (by OGR, fixtures/README.md), the same whether it is read at once or a row
     * at a time, and leaves out the box's corner. Filled pixels on its edge are no part of it.
     */
    @Test
    void anInclinedSwathIsOutlinedByItsEdgePixels() throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/swath-inclined-nc4.nc").toURI());

        FormatReport report = NetCdfReader.hdf5(file);

        Polygon outline = report.footprint().orElseThrow(() -> new AssertionError(report.details().toString()));
        Coordinate[] ring = outline.getExteriorRing().getCoordinates();
        assertEquals(6, ring.length, outline::toText);
        for (double[] corner : new double[][] {{10, 40}, {11.5, 39.7}, {11.8, 41.2}, {11.4, 41.8}, {10.4, 42}}) {
            assertTrue(Arrays.stream(ring).anyMatch(vertex -> vertex.distance(new Coordinate(corner[0], corner[1])) < 1e-5),
                    () -> Arrays.toString(corner) + " is not a corner of " + outline.toText());
        }
        assertTrue(Orientation.isCCW(outline.getExteriorRing().getCoordinateSequence()), outline::toText);
        assertFalse(outline.contains(outline.getFactory().createPoint(new Coordinate(10.05, 39.75))));
        Bounds box = report.wgs84Bounds().orElseThrow();
        assertTrue(box.envelope().contains(10.05, 39.75), box::toString);
        try (HdfFile hdf = new HdfFile(file)) {
            SwathCoordinates.PixelValues latitude = SwathCoordinates.of(hdf.getDatasetByPath("latitude"));
            SwathCoordinates.PixelValues longitude = SwathCoordinates.of(hdf.getDatasetByPath("longitude"));
            Polygon rowByRow = SwathCoordinates.extent(latitude, longitude, 1).orElseThrow().outline().orElseThrow()
                    .outline();
            assertTrue(rowByRow.equalsExact(outline), rowByRow::toText);
        }
    }

    /** A swath across the antimeridian keeps its box, split there, as its footprint. */
    @Test
    void aSwathAcrossTheAntimeridianHasNoOutline() throws Exception {
        FormatReport report = NetCdfReader.hdf5(Path.of(getClass().getResource("/fixtures/swath-nc4.nc").toURI()));

        assertTrue(report.wgs84Bounds().isPresent());
        assertEquals(Optional.empty(), report.footprint().map(Polygon::toText));
    }

    /** Read a row at a time, as a granule larger than a slab is, the swath has the same box. */
    @Test
    void aSwathReadInSlabsHasTheSameBox() throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/swath-nc4.nc").toURI());
        try (HdfFile hdf = new HdfFile(file)) {
            Dataset latitude = hdf.getDatasetByPath("latitude");
            Dataset longitude = hdf.getDatasetByPath("longitude");

            Optional<Bounds> inOne = SwathCoordinates.extent(SwathCoordinates.of(latitude), SwathCoordinates.of(longitude),
                    SwathCoordinates.SLAB_VALUES).map(SwathCoordinates.Place::box);
            Optional<Bounds> rowByRow = SwathCoordinates.extent(SwathCoordinates.of(latitude),
                    SwathCoordinates.of(longitude), 1).map(SwathCoordinates.Place::box);

            assertEquals(inOne, rowByRow);
            assertEquals(new Bounds(177.5, 10, -178.5, 13), rowByRow.orElseThrow());
        }
    }
    /**
     * A model's projected grid as WRF writes it (CDF-2, XLAT and XLONG per pixel and per record, in
     * degree_north and degree_east), its longitudes packed here, a pixel filled: the box of the
     * first record's valid pixels, and the time of the Time coordinate.
     */
    @Test
    void aClassicModelGridIsPlacedByItsPixelsLatitudesAndLongitudes() throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/model-grid-classic.nc").toURI());

        FormatReport report = NetCdfReader.classic(file);

        assertEquals(Optional.of(new Bounds(6, 45, 8, 46.25)), report.wgs84Bounds(), report.details()::toString);
        assertEquals("swath coordinates XLAT, XLONG", report.details().path("placedBy").asText());
        assertEquals("2024-06-01T06:00:00Z", report.end().orElseThrow().toString());
    }

    /**
     * A classic file's time as the record dimension, as model output and reanalyses write it: its
     * span from the first and last records alone. Each record's time was read on its own, one
     * ranged GET each from storage: a file of 20,000 records took over the read timeout and FAILED
     * as damaged.
     */
    @Test
    void aRecordTimeIsSpannedByItsFirstAndLastRecordsAlone() throws Exception {
        int records = 20_000;
        Path file = recordTimes(records);
        List<Long> positions = new ArrayList<>();
        long dataBegins;
        try (FileImageInputStream stored = new FileImageInputStream(file.toFile()) {
            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                positions.add(getStreamPosition());
                return super.read(bytes, offset, length);
            }
        }) {
            FormatReport report = NetCdfReader.classicInStorage(stored);

            assertEquals(Optional.empty(), report.problem());
            assertEquals(Optional.of(Instant.parse("2000-01-01T00:00:00Z")), report.start(), report.details()::toString);
            assertEquals(Optional.of(Instant.parse("2000-01-01T00:00:00Z").plus(Duration.ofHours(records - 1))),
                    report.end());
            dataBegins = stored.length() - (long) records * RECORD_BYTES;
        }
        assertEquals(2, positions.stream().filter(position -> position >= dataBegins).count(),
                "reads among the records: the first and the last");
    }

    /** A CDF-1 file of {@code records} records, an hour apart, sparse but for the times. */
    private Path recordTimes(int records) throws IOException {
        int headerBytes = recordHeader(records, 0).length;
        Path file = directory.resolve("records.nc");
        try (RandomAccessFile written = new RandomAccessFile(file.toFile(), "rw")) {
            written.write(recordHeader(records, headerBytes));
            written.setLength(headerBytes + (long) records * RECORD_BYTES);
            for (int record = 0; record < records; record++) {
                written.seek(headerBytes + (long) record * RECORD_BYTES);
                written.writeDouble(record);
            }
        }
        return file;
    }

    /** The header of time(time) and v(time, x), their records from {@code begin}. */
    private static byte[] recordHeader(int records, int begin) {
        ByteBuffer header = ByteBuffer.allocate(256).put("CDF".getBytes(StandardCharsets.US_ASCII)).put((byte) 1)
                .putInt(records).putInt(0x0A).putInt(2);
        name(header, "time").putInt(0);
        name(header, "x").putInt(RECORD_COLUMNS);
        header.putInt(0).putInt(0).putInt(0x0B).putInt(2);
        name(header, "time").putInt(1).putInt(0).putInt(0x0C).putInt(1);
        name(header, "units").putInt(2);
        name(header, "hours since 2000-01-01 00:00:00");
        header.putInt(6).putInt(8).putInt(begin);
        name(header, "v").putInt(2).putInt(0).putInt(1).putInt(0).putInt(0).putInt(5).putInt(4 * RECORD_COLUMNS)
                .putInt(begin + 8);
        return Arrays.copyOf(header.array(), header.position());
    }

    /** A name as the classic format writes it: its length, then its bytes padded to four. */
    private static ByteBuffer name(ByteBuffer header, String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        return header.putInt(bytes.length).put(bytes).put(new byte[(4 - bytes.length % 4) % 4]);
    }
}
