package io.geoingest.worker.format;

import io.geoingest.common.geo.LonLatBox;
import io.geoingest.common.geo.LongitudeSpans;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;
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

    /**
     * An area from its west edge eastwards to its east edge (across the antimeridian when west is
     * east of east), not its corners alone: a box from -180 to 180 covers every longitude.
     */
    void area(LonLatBox area) {
        if (!(Math.abs(area.west()) <= 180 && Math.abs(area.east()) <= 180 && Math.abs(area.south()) <= 90
                && Math.abs(area.north()) <= 90)) {
            outOfRange++;
            return;
        }
        count++;
        for (Envelope half : area.halves()) {
            longitudes.add(half.getMinX(), half.getMaxX());
            hull.position(half.getMinX(), half.getMinY());
            hull.position(half.getMaxX(), half.getMinY());
            hull.position(half.getMaxX(), half.getMaxY());
            hull.position(half.getMinX(), half.getMaxY());
            south = Math.min(south, half.getMinY());
            north = Math.max(north, half.getMaxY());
        }
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
