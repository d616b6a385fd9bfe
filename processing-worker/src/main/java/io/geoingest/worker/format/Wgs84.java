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

    /** @return empty when the code is unknown to Proj4J or the box cannot be transformed */
    static Optional<Bounds> fromEpsg(int epsg, Bounds bounds) {
        if (epsg == EPSG_WGS84) {
            return Optional.of(bounds);
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
        return result.isNull() ? Optional.empty() : Optional.of(Bounds.of(result));
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
