package io.geoingest.worker.format;

import io.geoingest.common.geo.LongitudeSpans;
import java.util.Optional;
import org.locationtech.jts.geom.Polygon;

/**
 * Where the positions of a document in longitude and latitude lie (KML, GPX), as they stream by:
 * their box, across the antimeridian when that is the shorter way round, and the hull around them.
 * Positions outside -180..180 and -90..90 are counted apart, so the reader can say the file is wrong.
 */
final class LonLatPositions implements GeometryScan.PositionListener {
    private final LongitudeSpans longitudes = new LongitudeSpans();
    private final StreamingHull hull = new StreamingHull();
    private double south = Double.POSITIVE_INFINITY;
    private double north = Double.NEGATIVE_INFINITY;
    private long count;
    private long outOfRange;

    @Override
    public void position(double longitude, double latitude) {
        if (!(Math.abs(longitude) <= 180 && Math.abs(latitude) <= 90)) {
            outOfRange++;
            return;
        }
        count++;
        longitudes.add(longitude, longitude);
        hull.position(longitude, latitude);
        south = Math.min(south, latitude);
        north = Math.max(north, latitude);
    }

    long count() {
        return count;
    }

    long outOfRange() {
        return outOfRange;
    }

    Optional<Bounds> bounds() {
        return count == 0 ? Optional.empty() : Optional.of(Bounds.of(longitudes.box(south, north)));
    }

    /** The hull within the box, where the positions span an area. */
    Optional<Polygon> footprint() {
        return bounds().flatMap(hull::within);
    }
}
