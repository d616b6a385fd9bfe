package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongToDoubleFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

class SwathCoordinatesTest {
    private static final int ROWS = 10;
    private static final int COLUMNS = 4;
    private static final GeometryFactory FACTORY = new GeometryFactory();

    /**
     * A swath that curves with its orbit: each row runs 0.9 degrees east from a track that bends
     * west in the middle of the granule. Its footprint follows the bend, on the inner side too:
     * the middle of the hull's east edge, which no pixel reaches, is not in it.
     */
    @Test
    void aCurvedSwathIsOutlinedAlongItsEdgesNotByItsHull() throws Exception {
        SwathCoordinates.PixelValues latitude = values("latitude", (row, column) -> 40 + 0.3 * row);
        SwathCoordinates.PixelValues longitude = values("longitude",
                (row, column) -> 10 + 0.05 * (row - 4.5) * (row - 4.5) + 0.3 * column);

        Polygon outline = SwathCoordinates.extent(latitude, longitude, 7).orElseThrow().outline().orElseThrow().outline();

        assertTrue(outline.covers(FACTORY.createPoint(new Coordinate(10.5, 41.35))), outline::toText);
        assertFalse(outline.covers(FACTORY.createPoint(new Coordinate(11.5, 41.35))), outline::toText);
        for (int row : new int[] {0, 9}) {
            for (double lon : new double[] {10 + 0.05 * 20.25, 10 + 0.05 * 20.25 + 0.9}) {
                Coordinate corner = new Coordinate(lon, 40 + 0.3 * row);
                assertTrue(Arrays.stream(outline.getCoordinates()).anyMatch(vertex -> vertex.distance(corner) < 1e-9),
                        () -> corner + " is not a corner of " + outline.toText());
            }
        }
    }

    /**
     * A model grid as WRF writes it, XLAT(Time = 1, south_north, west_east): read whole, as one
     * slab along its leading dimension of one, a grid of 4,000 x 4,000 took 128 MB of doubles per
     * variable at once and ran the worker out of memory, stopping the other files it read.
     */
    @Test
    void aGridWithALeadingDimensionOfOneIsReadInSlabsOfTheLimit() throws Exception {
        int[] shape = {1, ROWS, COLUMNS};
        List<Integer> slabs = new ArrayList<>();
        SwathCoordinates.PixelValues latitude = values("XLAT", shape, index -> 45 + 0.25 * (index / COLUMNS), slabs);
        SwathCoordinates.PixelValues longitude = values("XLONG", shape, index -> 6 + 0.5 * (index % COLUMNS), slabs);

        Optional<SwathCoordinates.Place> place = SwathCoordinates.extent(latitude, longitude, 7);

        assertEquals(Optional.of(new Bounds(6, 45, 7.5, 47.25)), place.map(SwathCoordinates.Place::box));
        assertEquals(ROWS * COLUMNS * 2, slabs.stream().mapToInt(Integer::intValue).sum(), "every pixel, once each");
        assertTrue(slabs.stream().allMatch(count -> count <= 7), slabs::toString);
    }

    /** Pixel values of a grid of {@value #ROWS} rows, as a reader hands them over: a slab at a time. */
    private static SwathCoordinates.PixelValues values(String name, PixelValue value) {
        return values(name, new int[] {ROWS, COLUMNS}, index -> value.at((int) (index / COLUMNS), (int) (index % COLUMNS)),
                new ArrayList<>());
    }

    /** Pixel values by their index in the grid flattened; {@code slabs} gets the size of each read. */
    private static SwathCoordinates.PixelValues values(String name, int[] shape, LongToDoubleFunction value,
            List<Integer> slabs) {
        return new SwathCoordinates.PixelValues() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int[] shape() {
                return shape.clone();
            }

            @Override
            public double[] values(long from, int count) {
                slabs.add(count);
                return LongStream.range(from, from + count).mapToDouble(value).toArray();
            }

            @Override
            public SwathCoordinates.Packing packing() {
                return SwathCoordinates.Packing.of(attribute -> Optional.empty(), false);
            }
        };
    }

    /** A pixel's value by its row and column. */
    @FunctionalInterface
    private interface PixelValue {
        double at(int row, int column);
    }
}
