package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
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

    /** Pixel values of a grid of {@value #ROWS} rows, as a reader hands them over: a slab of rows at a time. */
    private static SwathCoordinates.PixelValues values(String name, PixelValue value) {
        return new SwathCoordinates.PixelValues() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int[] shape() {
                return new int[] {ROWS, COLUMNS};
            }

            @Override
            public double[] rows(int from, int count) {
                double[] values = new double[count * COLUMNS];
                for (int row = 0; row < count; row++) {
                    for (int column = 0; column < COLUMNS; column++) {
                        values[row * COLUMNS + column] = value.at(from + row, column);
                    }
                }
                return values;
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
