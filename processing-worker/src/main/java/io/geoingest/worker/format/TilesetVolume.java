package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.common.geo.LonLatBox;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Where a 3D Tiles bounding volume lies on the earth, in WGS84 longitude and latitude. A
 * {@code region} is given in longitude and latitude (radians) and heights already, and is not
 * moved by a tile's transform. A {@code box} or {@code sphere} is given in the tile's coordinates,
 * which its {@code transform} (a 4x4 matrix, column by column) takes to earth-fixed metres; without
 * one they are earth-fixed already. A box's outline is the hull of its edges as seen from above.
 *
 * <p>A box or sphere around the earth's centre is either the whole earth (a global tileset) or a
 * model in coordinates of its own that nothing places on the earth: told apart by its size.
 */
record TilesetVolume(String kind, Bounds bounds, Optional<Footprint> footprint, Optional<double[]> heights) {
    /** Metres from the earth's centre to its surface, at least (the polar radius, rounded down). */
    private static final double INNER_RADIUS = 6_350_000;
    /** How far below or above the ellipsoid a volume's points may lie and still be taken as placed on the earth. */
    private static final double MAX_DEPTH_OR_HEIGHT = 1_000_000;
    private static final int SAMPLES_PER_EDGE = 8;
    private static final Bounds WHOLE_EARTH = new Bounds(-180, -90, 180, 90);
    private static final GeometryFactory POINTS = new GeometryFactory();
    private static final double[] IDENTITY = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};

    /**
     * @param volume    a tile's {@code boundingVolume}
     * @param transform the tile's {@code transform}, if it has one
     * @return empty when the volume is of no kind read here, malformed, or not placed on the earth
     */
    static Optional<TilesetVolume> of(JsonNode volume, Optional<JsonNode> transform) {
        Optional<double[]> matrix = transform.isPresent() ? numbers(transform.get(), 16) : Optional.of(IDENTITY);
        if (matrix.isEmpty()) {
            return Optional.empty();
        }
        if (volume.has("region")) {
            return numbers(volume.get("region"), 6).flatMap(TilesetVolume::region);
        }
        if (volume.has("box")) {
            return numbers(volume.get("box"), 12).flatMap(box -> box(box, matrix.get()));
        }
        if (volume.has("sphere")) {
            return numbers(volume.get("sphere"), 4).flatMap(sphere -> sphere(sphere, matrix.get()));
        }
        return Optional.empty();
    }

    /** west, south, east, north in radians (west east of east across the antimeridian), then heights. */
    private static Optional<TilesetVolume> region(double[] region) {
        double west = Math.toDegrees(region[0]);
        double south = Math.toDegrees(region[1]);
        double east = Math.toDegrees(region[2]);
        double north = Math.toDegrees(region[3]);
        Bounds bounds = new Bounds(Wgs84.rounded(west), Wgs84.rounded(south), Wgs84.rounded(east), Wgs84.rounded(north));
        if (Math.abs(west) > 180 + Wgs84.TOLERANCE_DEGREES || Math.abs(east) > 180 + Wgs84.TOLERANCE_DEGREES
                || south < -90 - Wgs84.TOLERANCE_DEGREES || north > 90 + Wgs84.TOLERANCE_DEGREES || south > north
                || region[4] > region[5]) {
            return Optional.empty();
        }
        Bounds clamped = new Bounds(clamp(bounds.minX(), 180), clamp(bounds.minY(), 90), clamp(bounds.maxX(), 180),
                clamp(bounds.maxY(), 90));
        return Optional.of(new TilesetVolume("region", clamped, Optional.empty(),
                Optional.of(new double[] {region[4], region[5]})));
    }

    /** Centre, then the three half axes, in the tile's coordinates. */
    private static Optional<TilesetVolume> box(double[] box, double[] matrix) {
        double[] centre = point(matrix, box[0], box[1], box[2]);
        double[][] axes = {direction(matrix, box[3], box[4], box[5]), direction(matrix, box[6], box[7], box[8]),
            direction(matrix, box[9], box[10], box[11])};
        if (holdsTheCentre(centre, axes)) {
            boolean global = length(axes[0]) + length(axes[1]) + length(axes[2]) >= INNER_RADIUS;
            return global ? Optional.of(new TilesetVolume("box", WHOLE_EARTH, Optional.empty(), Optional.empty()))
                    : Optional.empty();
        }
        List<Coordinate> lonLat = new ArrayList<>();
        int[] signs = {-1, 1};
        // each of the twelve edges: two axes at either end, the third sampled along it
        for (int along = 0; along < 3; along++) {
            int first = (along + 1) % 3;
            int second = (along + 2) % 3;
            for (int a : signs) {
                for (int b : signs) {
                    for (int step = 0; step <= SAMPLES_PER_EDGE; step++) {
                        double t = -1 + 2.0 * step / SAMPLES_PER_EDGE;
                        double[] sample = new double[3];
                        for (int i = 0; i < 3; i++) {
                            sample[i] = centre[i] + a * axes[first][i] + b * axes[second][i] + t * axes[along][i];
                        }
                        Optional<Coordinate> placed = onTheEarth(sample);
                        if (placed.isEmpty()) {
                            return Optional.empty();
                        }
                        lonLat.add(placed.get());
                    }
                }
            }
        }
        Optional<Footprint> outline = Footprint.hull(lonLat, Footprint.OUTLINE_DETAIL, Footprint.OUTLINE_DETAIL);
        if (outline.isPresent()) {
            return Optional.of(new TilesetVolume("box", outline.get().bounds(), outline, Optional.empty()));
        }
        // across the antimeridian (or round a pole): the box around the points, the shorter way round
        LonLatBox around = LonLatBox.of(POINTS.createMultiPointFromCoords(lonLat.toArray(Coordinate[]::new)));
        return Optional.of(new TilesetVolume("box", Bounds.of(around), Optional.empty(), Optional.empty()));
    }

    /** Centre and radius, in the tile's coordinates. */
    private static Optional<TilesetVolume> sphere(double[] sphere, double[] matrix) {
        double[] centre = point(matrix, sphere[0], sphere[1], sphere[2]);
        // a transform may scale: the sphere's radius grows with its largest axis
        double scale = Math.max(length(direction(matrix, 1, 0, 0)),
                Math.max(length(direction(matrix, 0, 1, 0)), length(direction(matrix, 0, 0, 1))));
        double radius = Math.abs(sphere[3]) * scale;
        if (length(centre) <= radius) {
            return radius >= INNER_RADIUS
                    ? Optional.of(new TilesetVolume("sphere", WHOLE_EARTH, Optional.empty(), Optional.empty()))
                    : Optional.empty();
        }
        return onTheEarth(centre).map(middle -> {
            double reach = Math.toDegrees(Math.min(radius / INNER_RADIUS, Math.PI));
            double south = Math.max(-90, middle.y - reach);
            double north = Math.min(90, middle.y + reach);
            double widest = Math.max(Math.abs(south), Math.abs(north));
            double across = widest >= 90 ? 180 : reach / Math.cos(Math.toRadians(widest));
            Bounds bounds = across >= 180 ? new Bounds(-180, south, 180, north)
                    : new Bounds(Wgs84.rounded(Math.IEEEremainder(middle.x - across, 360)), Wgs84.rounded(south),
                            Wgs84.rounded(Math.IEEEremainder(middle.x + across, 360)), Wgs84.rounded(north));
            return new TilesetVolume("sphere", bounds, Optional.empty(), Optional.empty());
        });
    }

    /** The point's longitude and latitude; empty when it lies far from the earth's surface. */
    private static Optional<Coordinate> onTheEarth(double[] earthFixed) {
        ProjCoordinate position = new ProjCoordinate(earthFixed[0], earthFixed[1], earthFixed[2]);
        EarthFixed.toLonLatHeight(position);
        if (!Double.isFinite(position.x) || !Double.isFinite(position.y) || Math.abs(position.z) > MAX_DEPTH_OR_HEIGHT) {
            return Optional.empty();
        }
        return Optional.of(new Coordinate(Wgs84.rounded(position.x), Wgs84.rounded(position.y)));
    }

    /** Whether the origin lies within the box: within each axis' reach along that axis. */
    private static boolean holdsTheCentre(double[] centre, double[][] axes) {
        for (double[] axis : axes) {
            double reach = length(axis);
            if (reach > 0 && Math.abs(dot(centre, axis)) / reach > reach) {
                return false;
            }
        }
        return true;
    }

    private static double[] point(double[] m, double x, double y, double z) {
        return new double[] {m[0] * x + m[4] * y + m[8] * z + m[12], m[1] * x + m[5] * y + m[9] * z + m[13],
            m[2] * x + m[6] * y + m[10] * z + m[14]};
    }

    private static double[] direction(double[] m, double x, double y, double z) {
        return new double[] {m[0] * x + m[4] * y + m[8] * z, m[1] * x + m[5] * y + m[9] * z, m[2] * x + m[6] * y + m[10] * z};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double length(double[] vector) {
        return Math.sqrt(dot(vector, vector));
    }

    private static double clamp(double value, double limit) {
        return Math.max(-limit, Math.min(limit, value));
    }

    /** Exactly {@code count} finite numbers, or empty. */
    private static Optional<double[]> numbers(JsonNode array, int count) {
        if (!array.isArray() || array.size() != count) {
            return Optional.empty();
        }
        double[] numbers = new double[count];
        for (int i = 0; i < count; i++) {
            if (!array.get(i).isNumber() || !Double.isFinite(array.get(i).asDouble())) {
                return Optional.empty();
            }
            numbers[i] = array.get(i).asDouble();
        }
        return Optional.of(numbers);
    }
}
