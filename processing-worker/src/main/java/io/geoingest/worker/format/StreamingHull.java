package io.geoingest.worker.format;

import java.util.Optional;
import org.locationtech.jts.algorithm.ConvexHull;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/**
 * The convex hull of a vector file's positions, in longitude and latitude, as they stream by: the
 * positions read since the last reduction and the hull so far are reduced to the hull of both
 * every {@value #BATCH} positions, so memory does not grow with the file. A hull of more than
 * {@value #MAX_VERTICES} vertices (data along a circle) is not kept: the box then stands for it.
 */
final class StreamingHull implements GeometryScan.PositionListener {
    private static final int BATCH = 4096;
    static final int MAX_VERTICES = 1000;
    private static final GeometryFactory FACTORY = new GeometryFactory();
    private final Coordinate[] pending = new Coordinate[BATCH];
    private int pendingCount;
    private Coordinate[] hull = new Coordinate[0];
    private boolean tooComplex;

    @Override
    public void position(double x, double y) {
        if (tooComplex) {
            return;
        }
        pending[pendingCount++] = new Coordinate(x, y);
        if (pendingCount == BATCH) {
            reduce();
        }
    }

    private void reduce() {
        if (pendingCount == 0) {
            return;
        }
        Coordinate[] points = new Coordinate[hull.length + pendingCount];
        System.arraycopy(hull, 0, points, 0, hull.length);
        System.arraycopy(pending, 0, points, hull.length, pendingCount);
        pendingCount = 0;
        hull = new ConvexHull(points, FACTORY).getConvexHull().getCoordinates();
        if (hull.length > MAX_VERTICES) {
            tooComplex = true;
            hull = new Coordinate[0];
        }
    }

    /**
     * The hull within {@code box}, the box of the same positions, counterclockwise: when the
     * positions span an area (not one point or a line), the hull is not too complex, and the box
     * does not cross the antimeridian (a hull in longitude and latitude would go round the world
     * the other way). Kept within the box, which a source may round inwards of its positions.
     */
    Optional<Polygon> within(Bounds box) {
        reduce();
        if (tooComplex || hull.length < 4 || box.minX() > box.maxX()) {
            return Optional.empty();
        }
        Geometry clipped = new ConvexHull(hull, FACTORY).getConvexHull().intersection(FACTORY.toGeometry(box.envelope()));
        return clipped instanceof Polygon polygon && !polygon.isEmpty()
                ? Optional.of(Footprint.counterclockwise(polygon)) : Optional.empty();
    }
}
