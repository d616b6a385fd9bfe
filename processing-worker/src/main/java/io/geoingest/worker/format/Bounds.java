package io.geoingest.worker.format;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.geoingest.common.geo.LonLatBox;
import org.locationtech.jts.geom.Envelope;

/**
 * An axis-aligned bounding box: west, south, east, north (x and y in the CRS's units). In WGS84
 * longitude and latitude, a box across the antimeridian has its west edge east of its east edge,
 * as STAC writes it.
 */
public record Bounds(double minX, double minY, double maxX, double maxY) {

    public static Bounds of(Envelope envelope) {
        return new Bounds(envelope.getMinX(), envelope.getMinY(), envelope.getMaxX(), envelope.getMaxY());
    }

    /** A box in longitude and latitude, across the antimeridian when it crosses it. */
    public static Bounds of(LonLatBox box) {
        return new Bounds(box.west(), box.south(), box.east(), box.north());
    }

    public Envelope envelope() {
        return new Envelope(minX, maxX, minY, maxY);
    }

    /** {@code [minX, minY, maxX, maxY]}, the order of a GeoJSON and STAC {@code bbox}. */
    public ArrayNode toJson() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        array.add(minX).add(minY).add(maxX).add(maxY);
        return array;
    }

    /** Whether the box lies within longitude -180..180 and latitude -90..90. */
    public boolean withinLongitudeLatitude() {
        return minX >= -180 && maxX <= 180 && minY >= -90 && maxY <= 90;
    }
}
