package io.geoingest.worker.format;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Expresses bounding boxes given in an EPSG coordinate reference system in WGS84 longitude and
 * latitude, with the EPSG definitions of Proj4J. Edges are sampled, not just corners, because a
 * straight edge in a projection is curved in longitude and latitude.
 */
final class Wgs84 {
    static final int EPSG_WGS84 = 4326;
    private static final int SAMPLES_PER_EDGE = 20;
    private static final CRSFactory CRS_FACTORY = new CRSFactory();
    private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();
    /** Parsing a definition scans Proj4J's EPSG file: each code is looked up once per process. */
    private static final Map<Integer, Optional<CoordinateReferenceSystem>> SYSTEMS = new ConcurrentHashMap<>();

    private Wgs84() {
    }

    /**
     * @return empty when the code is unknown to Proj4J, the box cannot be transformed, or it does not
     *         lie on the earth (longitude -180..180, or 0..360 as global grids write it; latitude -90..90)
     */
    static Optional<Bounds> fromEpsg(int epsg, Bounds bounds) {
        if (epsg == EPSG_WGS84) {
            return onTheEarth(bounds);
        }
        Optional<CoordinateReferenceSystem> source = system(epsg);
        Optional<CoordinateReferenceSystem> target = system(EPSG_WGS84);
        if (source.isEmpty() || target.isEmpty()) {
            return Optional.empty();
        }
        // Transforms keep intermediate state: one per call, never shared between threads.
        CoordinateTransform transform = TRANSFORMS.createTransform(source.get(), target.get());
        Envelope result = new Envelope();
        ProjCoordinate out = new ProjCoordinate();
        for (int step = 0; step <= SAMPLES_PER_EDGE; step++) {
            double x = bounds.minX() + (bounds.maxX() - bounds.minX()) * step / SAMPLES_PER_EDGE;
            double y = bounds.minY() + (bounds.maxY() - bounds.minY()) * step / SAMPLES_PER_EDGE;
            include(transform, x, bounds.minY(), out, result);
            include(transform, x, bounds.maxY(), out, result);
            include(transform, bounds.minX(), y, out, result);
            include(transform, bounds.maxX(), y, out, result);
        }
        return result.isNull() ? Optional.empty() : onTheEarth(Bounds.of(result));
    }

    /**
     * The box in longitude -180..180: a grid given in 0..360 (common for global climate data) is
     * moved west by a turn, or, when it spans the antimeridian, widened to all longitudes, since a
     * box cannot cross it. Empty for a box that lies off the earth or is not made of numbers.
     */
    static Optional<Bounds> onTheEarth(Bounds box) {
        Bounds lonLat = box;
        if (box.minX() >= 180 && box.maxX() <= 360) {
            lonLat = new Bounds(box.minX() - 360, box.minY(), box.maxX() - 360, box.maxY());
        } else if (box.minX() >= -180 && box.minX() < 180 && box.maxX() > 180 && box.maxX() <= 360) {
            lonLat = new Bounds(-180, box.minY(), 180, box.maxY());
        }
        return lonLat.withinLongitudeLatitude() ? Optional.of(lonLat) : Optional.empty();
    }

    private static void include(CoordinateTransform transform, double x, double y, ProjCoordinate out, Envelope result) {
        try {
            transform.transform(new ProjCoordinate(x, y), out);
        } catch (RuntimeException outsideTheProjection) {
            return;
        }
        if (Double.isFinite(out.x) && Double.isFinite(out.y)) {
            result.expandToInclude(out.x, out.y);
        }
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
