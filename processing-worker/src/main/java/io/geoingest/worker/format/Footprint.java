package io.geoingest.worker.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.algorithm.ConvexHull;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Where a raster's pixels lie on the earth, in WGS84 longitude and latitude: the outline of its
 * grid, or the hull of its ground control points or of a swath's edge pixels. A scene in a projected CRS (a UTM zone, a
 * national grid) or a rotated or sheared one covers less than the box around it, and a SAR scene
 * in radar geometry, inclined to the meridians with its orbit, far less: a search by geometry
 * that meets the box's corner beyond the scene must not find it.
 *
 * <p>None for an outline that crosses the antimeridian or holds a pole: the box describes those
 * (split at the antimeridian, or reaching the pole at all longitudes).
 *
 * @param outline the outline as a polygon, its ring counterclockwise (RFC 7946), vertices within a
 *                quarter of a pixel of the edges dropped
 * @param bounds  the box around every point sampled along the outline
 */
record Footprint(Polygon outline, Bounds bounds) {
    private static final GeometryFactory FACTORY = new GeometryFactory();
    /** Dropping a vertex moves the outline by at most this share of a pixel. */
    private static final double SIMPLIFY_PIXELS = 0.25;
    /** An outline of no pixels (a volume's, a product's) is simplified as one of an image this many pixels across. */
    static final int OUTLINE_DETAIL = 1000;

    /**
     * The outline of a grid of {@code width} x {@code height} pixels placed by {@code transform}
     * (STAC's {@code proj:transform} order), its edges sampled as {@link Wgs84} samples a box's.
     */
    static Optional<Footprint> ofGrid(Wgs84.PointTransform toLonLat, double[] transform, int width, int height) {
        double[][] corners = {{0, 0}, {width, 0}, {width, height}, {0, height}, {0, 0}};
        List<Coordinate> ring = new ArrayList<>();
        for (int corner = 0; corner < 4; corner++) {
            for (int step = 0; step < Wgs84.SAMPLES_PER_EDGE; step++) {
                double column = corners[corner][0] + (corners[corner + 1][0] - corners[corner][0]) * step
                        / Wgs84.SAMPLES_PER_EDGE;
                double row = corners[corner][1] + (corners[corner + 1][1] - corners[corner][1]) * step
                        / Wgs84.SAMPLES_PER_EDGE;
                Optional<Coordinate> point = lonLat(toLonLat, transform[0] * column + transform[1] * row + transform[2],
                        transform[3] * column + transform[4] * row + transform[5]);
                if (point.isEmpty()) {
                    return Optional.empty();
                }
                ring.add(point.get());
            }
        }
        return outline(ring, width, height);
    }

    /** The convex hull of ground control points given in model coordinates. */
    static Optional<Footprint> ofControlPoints(Wgs84.PointTransform toLonLat, List<Coordinate> points, int width,
            int height) {
        List<Coordinate> placed = new ArrayList<>();
        for (Coordinate point : points) {
            Optional<Coordinate> lonLat = lonLat(toLonLat, point.x, point.y);
            if (lonLat.isEmpty()) {
                return Optional.empty();
            }
            placed.add(lonLat.get());
        }
        return hull(placed, width, height);
    }

    /**
     * The convex hull of points in longitude and latitude that lie around the edge of an image of
     * {@code width} x {@code height} pixels.
     */
    static Optional<Footprint> hull(List<Coordinate> lonLat, int width, int height) {
        Envelope envelope = new Envelope();
        lonLat.forEach(envelope::expandToInclude);
        // points spread over more than half a turn of longitude most likely lie across the antimeridian
        if (lonLat.size() < 3 || envelope.getWidth() > 180) {
            return Optional.empty();
        }
        Geometry hull = new ConvexHull(lonLat.toArray(Coordinate[]::new), FACTORY).getConvexHull();
        if (!(hull instanceof Polygon polygon)) {
            return Optional.empty();
        }
        List<Coordinate> ring = new ArrayList<>(List.of(polygon.getExteriorRing().getCoordinates()));
        ring.remove(ring.size() - 1);
        return outline(ring, width, height);
    }

    /**
     * The outline through points in longitude and latitude that go once round an image of
     * {@code width} x {@code height} pixels, in order; none where it crosses itself.
     */
    static Optional<Footprint> ofRing(List<Coordinate> lonLat, int width, int height) {
        return lonLat.size() < 3 ? Optional.empty() : outline(lonLat, width, height);
    }

    /** The outline through points that go once round a shape of no pixels, in order. */
    static Optional<Footprint> ofOutline(List<Coordinate> lonLat) {
        return ofRing(lonLat, OUTLINE_DETAIL, OUTLINE_DETAIL);
    }

    private static Optional<Coordinate> lonLat(Wgs84.PointTransform toLonLat, double x, double y) {
        ProjCoordinate out = new ProjCoordinate();
        if (!toLonLat.toLongitudeLatitude(x, y, out)) {
            return Optional.empty();
        }
        return Optional.of(new Coordinate(Wgs84.rounded(out.x), Wgs84.rounded(out.y)));
    }

    /** @param ring the outline's points in order, the first not repeated at the end */
    private static Optional<Footprint> outline(List<Coordinate> ring, int width, int height) {
        Envelope envelope = new Envelope();
        Coordinate previous = ring.get(ring.size() - 1);
        for (Coordinate point : ring) {
            if (Math.abs(point.x - previous.x) > 180) {
                return Optional.empty();
            }
            envelope.expandToInclude(point);
            previous = point;
        }
        Bounds bounds = Bounds.of(envelope);
        if (!bounds.withinLongitudeLatitude()) {
            return Optional.empty();
        }
        List<Coordinate> closed = new ArrayList<>(ring);
        closed.add(ring.get(0));
        Polygon polygon = FACTORY.createPolygon(closed.toArray(Coordinate[]::new));
        if (!polygon.isValid()) {
            return Optional.empty();
        }
        double pixel = Math.min(envelope.getWidth() / width, envelope.getHeight() / height);
        Geometry simplified = DouglasPeuckerSimplifier.simplify(polygon, pixel * SIMPLIFY_PIXELS);
        if (!(simplified instanceof Polygon outline) || outline.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Footprint(counterclockwise(outline), bounds));
    }

    /** The polygon with its ring counterclockwise, as RFC 7946 asks of a GeoJSON polygon's exterior. */
    static Polygon counterclockwise(Polygon polygon) {
        return Orientation.isCCW(polygon.getExteriorRing().getCoordinateSequence()) ? polygon : polygon.reverse();
    }
}
