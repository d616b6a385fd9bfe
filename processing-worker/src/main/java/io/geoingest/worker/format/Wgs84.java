package io.geoingest.worker.format;

import io.geoingest.common.geo.LonLatBox;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.proj.LongLatProjection;

/**
 * Expresses bounding boxes given in an EPSG coordinate reference system in WGS84 longitude and
 * latitude, with the EPSG definitions of Proj4J. Edges are sampled, not just corners, because a
 * straight edge in a projection is curved in longitude and latitude.
 */
final class Wgs84 {
    static final int EPSG_WGS84 = 4326;
    /**
     * How far, in degrees, a box whose pixel size is unknown may reach beyond the poles or the
     * longitudes -180 and 360 and still be taken as ending there: rounding, not data off the earth.
     */
    static final double TOLERANCE_DEGREES = 1;
    /**
     * The most a pixel lets a grid reach beyond the earth: the coarsest common global grids (2.5
     * degree reanalyses) centre a pixel on each pole. A coarser pixel is no reason to take
     * coordinates far off the earth for the earth.
     */
    static final double MAX_PIXEL_SLACK_DEGREES = 2.5;
    static final int SAMPLES_PER_EDGE = 20;
    private static final double NANODEGREES = 1e9;
    private static final CRSFactory CRS_FACTORY = new CRSFactory();
    private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();
    /** Parsing a definition scans Proj4J's EPSG file: each code is looked up once per process. */
    private static final Map<Integer, Optional<CoordinateReferenceSystem>> SYSTEMS = new ConcurrentHashMap<>();

    private Wgs84() {
    }

    /**
     * The box of a grid of {@code columns} x {@code rows} pixels. In EPSG:4326 it may reach up to a
     * pixel beyond the poles and the antimeridian: a global grid whose pixel centres lie on them
     * reaches half a pixel beyond (ERA5's 721 rows of 0.25 degrees span latitudes -90.125..90.125).
     */
    static Optional<Bounds> ofGrid(int epsg, Bounds bounds, int columns, int rows) {
        if (epsg != EPSG_WGS84) {
            return fromEpsg(epsg, bounds);
        }
        if (columns <= 0 || rows <= 0) {
            return Optional.empty();
        }
        return onTheEarth(bounds, pixelSlack((bounds.maxX() - bounds.minX()) / columns),
                pixelSlack((bounds.maxY() - bounds.minY()) / rows));
    }

    /**
     * @return empty when the code is unknown to Proj4J, the box cannot be transformed, or it does not
     *         lie on the earth (longitude -180..180, or 0..360 as global grids write it; latitude -90..90)
     */
    static Optional<Bounds> fromEpsg(int epsg, Bounds bounds) {
        if (epsg == EPSG_WGS84) {
            return onTheEarth(bounds, TOLERANCE_DEGREES, TOLERANCE_DEGREES);
        }
        return system(epsg).flatMap(source -> from(source, bounds));
    }

    /** As {@link #fromEpsg}, for a CRS given by its PROJ definition; empty when Proj4J cannot read it. */
    static Optional<Bounds> fromDefinition(String definition, Bounds bounds) {
        return userDefined(definition).flatMap(source -> from(source, bounds));
    }

    private static Optional<CoordinateReferenceSystem> userDefined(String definition) {
        try {
            return Optional.of(CRS_FACTORY.createFromParameters("user-defined", definition));
        } catch (RuntimeException unsupported) {
            return Optional.empty();
        }
    }

    private static Optional<Bounds> from(CoordinateReferenceSystem source, Bounds bounds) {
        Optional<CoordinateReferenceSystem> target = system(EPSG_WGS84);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        // Transforms keep intermediate state: one per call, never shared between threads.
        CoordinateTransform transform = TRANSFORMS.createTransform(source, target.get());
        Envelope result = new Envelope();
        // The same points with western longitudes a turn further east: a box across the
        // antimeridian spans these without a jump.
        Envelope eastward = new Envelope();
        // A box across the antimeridian in longitude and latitude (west > east) is placed by its
        // halves on either side: Proj4J takes a longitude beyond 180 for 180.
        List<Envelope> halves = new LonLatBox(bounds.minX(), bounds.minY(), bounds.maxX(), bounds.maxY()).halves();
        boolean crosses = halves.size() > 1;
        for (Envelope half : halves) {
            double[][] edges = {
                {half.getMinX(), half.getMinY(), half.getMaxX(), half.getMinY()},
                {half.getMaxX(), half.getMinY(), half.getMaxX(), half.getMaxY()},
                {half.getMaxX(), half.getMaxY(), half.getMinX(), half.getMaxY()},
                {half.getMinX(), half.getMaxY(), half.getMinX(), half.getMinY()}};
            for (double[] edge : edges) {
                crosses |= crossesTheAntimeridian(transform, edge, result, eastward);
            }
        }
        if (result.isNull()) {
            return Optional.empty();
        }
        // The pole inside the box lies on no edge: the box then reaches it, at all longitudes.
        CoordinateTransform toSource = TRANSFORMS.createTransform(target.get(), source);
        boolean holdsAPole = false;
        for (double pole : new double[] {-90, 90}) {
            if (halves.stream().anyMatch(half -> contains(half, toSource, pole))) {
                result.expandToInclude(0, pole);
                holdsAPole = true;
            }
        }
        Bounds lonLat = holdsAPole ? new Bounds(-180, result.getMinY(), 180, result.getMaxY())
                : crosses ? new Bounds(eastward.getMinX(), result.getMinY(), eastward.getMaxX(), result.getMaxY())
                : Bounds.of(result);
        return onTheEarth(new Bounds(rounded(lonLat.minX()), rounded(lonLat.minY()), rounded(lonLat.maxX()),
                rounded(lonLat.maxY())), TOLERANCE_DEGREES, TOLERANCE_DEGREES);
    }

    /**
     * To a nanodegree (0.1 mm): a transform between datums that coincide here (NAD83 and ETRS89
     * with WGS84) otherwise gives 48.00000000000001 for 48.
     */
    static double rounded(double degrees) {
        return Math.rint(degrees * NANODEGREES) / NANODEGREES;
    }

    /**
     * The box in longitude -180..180 and latitude -90..90. A box that reaches beyond the antimeridian
     * (east of 180, as grids in longitudes 0..360 do, or west of -180, down to -360) is turned onto
     * it: across it when it spans less than a turn ({@code west > east}, as STAC writes such a box),
     * at all longitudes otherwise. Edges at most {@code slackX} beyond -360 or 360 and {@code slackY}
     * beyond a pole are taken as rounding, not data off the earth; edges beyond a pole are taken as
     * lying on it. Empty for a box further off the earth, wider than a turn, or not made of numbers.
     */
    static Optional<Bounds> onTheEarth(Bounds box, double slackX, double slackY) {
        if (!reaches(box.minX(), box.maxX(), -360, 360, slackX) || box.maxX() - box.minX() > 360 + 2 * slackX
                || !reaches(box.minY(), box.maxY(), -90, 90, slackY)) {
            return Optional.empty();
        }
        double south = Math.max(-90, box.minY());
        double north = Math.min(90, box.maxY());
        if (box.maxX() - box.minX() >= 360) {
            return Optional.of(new Bounds(-180, south, 180, north));
        }
        // 180 is the west edge of a box that starts there and the east edge of one that ends there
        double west = box.minX() >= 180 ? box.minX() - 360 : box.minX() < -180 ? box.minX() + 360 : box.minX();
        double east = box.maxX() > 180 ? box.maxX() - 360 : box.maxX() <= -180 ? box.maxX() + 360 : box.maxX();
        return Optional.of(new Bounds(west, south, east, north));
    }

    private static double pixelSlack(double pixel) {
        return Math.min(Math.abs(pixel), MAX_PIXEL_SLACK_DEGREES);
    }

    /** Whether min..max overlaps low..high and reaches at most {@code slack} beyond it (false for NaN). */
    private static boolean reaches(double min, double max, double low, double high, double slack) {
        return min <= high && max >= low && min >= low - slack && max <= high + slack;
    }

    /**
     * Adds the points sampled along the edge {@code {x1, y1, x2, y2}} to {@code result}, and to
     * {@code eastward} with western longitudes a turn further east.
     *
     * @return whether the edge crosses the antimeridian: its longitude jumps by more than half a turn
     */
    private static boolean crossesTheAntimeridian(CoordinateTransform transform, double[] edge, Envelope result,
            Envelope eastward) {
        boolean crosses = false;
        double previous = Double.NaN;
        ProjCoordinate out = new ProjCoordinate();
        for (int step = 0; step <= SAMPLES_PER_EDGE; step++) {
            double x = edge[0] + (edge[2] - edge[0]) * step / SAMPLES_PER_EDGE;
            double y = edge[1] + (edge[3] - edge[1]) * step / SAMPLES_PER_EDGE;
            if (transformed(transform, x, y, out)) {
                result.expandToInclude(out.x, out.y);
                eastward.expandToInclude(out.x < 0 ? out.x + 360 : out.x, out.y);
                crosses |= Math.abs(out.x - previous) > 180;
                previous = out.x;
            }
        }
        return crosses;
    }

    /** Whether the pole at latitude {@code pole} lies within the box, given in the source CRS. */
    private static boolean contains(Envelope box, CoordinateTransform toSource, double pole) {
        ProjCoordinate out = new ProjCoordinate();
        return transformed(toSource, 0, pole, out) && box.covers(out.x, out.y);
    }

    private static boolean transformed(CoordinateTransform transform, double x, double y, ProjCoordinate out) {
        try {
            transform.transform(new ProjCoordinate(x, y), out);
        } catch (RuntimeException outsideTheProjection) {
            return false;
        }
        return Double.isFinite(out.x) && Double.isFinite(out.y);
    }

    /** Puts one position in WGS84 longitude and latitude; one per document, never shared between threads. */
    interface PointTransform {
        /** @return whether {@code x, y} could be placed; {@code out} then holds longitude and latitude */
        boolean toLongitudeLatitude(double x, double y, ProjCoordinate out);
    }

    /** The transform from the EPSG CRS to WGS84; empty when Proj4J does not know the code. */
    static Optional<PointTransform> pointTransform(int epsg) {
        return system(epsg).flatMap(Wgs84::pointTransform);
    }

    /** The transform from the CRS of a PROJ definition to WGS84; empty when Proj4J cannot read it. */
    static Optional<PointTransform> pointTransform(String definition) {
        return userDefined(definition).flatMap(Wgs84::pointTransform);
    }

    private static Optional<PointTransform> pointTransform(CoordinateReferenceSystem source) {
        return system(EPSG_WGS84).map(target -> {
            CoordinateTransform transform = TRANSFORMS.createTransform(source, target);
            return (x, y, out) -> transformed(transform, x, y, out);
        });
    }

    /** Whether the EPSG code names a geographic CRS (longitude and latitude), as far as Proj4J knows it. */
    static boolean isGeographic(int epsg) {
        return system(epsg).map(crs -> crs.getProjection() instanceof LongLatProjection).orElse(false);
    }

    /** Whether the PROJ definition is of a geographic CRS (longitude and latitude); false when Proj4J cannot read it. */
    static boolean isGeographic(String definition) {
        return userDefined(definition).map(crs -> crs.getProjection() instanceof LongLatProjection).orElse(false);
    }

    private static Optional<CoordinateReferenceSystem> system(int epsg) {
        return SYSTEMS.computeIfAbsent(epsg, code -> {
            try {
                return Optional.ofNullable(CRS_FACTORY.createFromName("EPSG:" + code));
            } catch (RuntimeException unknownOrUnsupported) {
                return Optional.empty();
            }
        });
    }
}
