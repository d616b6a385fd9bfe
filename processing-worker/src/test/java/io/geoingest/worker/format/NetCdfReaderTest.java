package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetCdfReaderTest {

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
     * unnamed dimension.
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
    }

    /** Read a row at a time, as a granule larger than a slab is, the swath has the same box. */
    @Test
    void aSwathReadInSlabsHasTheSameBox() throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/swath-nc4.nc").toURI());
        try (HdfFile hdf = new HdfFile(file)) {
            Dataset latitude = hdf.getDatasetByPath("latitude");
            Dataset longitude = hdf.getDatasetByPath("longitude");

            Optional<Bounds> inOne = SwathCoordinates.extent(SwathCoordinates.of(latitude), SwathCoordinates.of(longitude),
                    SwathCoordinates.SLAB_VALUES);
            Optional<Bounds> rowByRow = SwathCoordinates.extent(SwathCoordinates.of(latitude),
                    SwathCoordinates.of(longitude), 1);

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
}
