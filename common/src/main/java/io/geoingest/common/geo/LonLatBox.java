package io.geoingest.common.geo;

import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * A bounding box in WGS 84 longitude and latitude as GeoJSON (RFC 7946, 5.2) and STAC write one:
 * west, south, east, north, where a box across the antimeridian has its west edge east of its east
 * edge ({@code [177, -20, -178, -16]} around Fiji). JTS's {@link Envelope} cannot hold such a box:
 * it swaps the edges, which makes it the rest of the world.
 */
public record LonLatBox(double west, double south, double east, double north) {

    public boolean crossesTheAntimeridian() {
        return west > east;
    }

    /**
     * The box of a geometry in longitude and latitude: the smallest that holds each of its parts
     * (the members of a multi-geometry or collection), across the antimeridian when that is
     * smaller, as RFC 7946 (5.2) asks. A geometry split at the antimeridian (3.1.9) so gets the box
     * across it: {@code [169, ..., -169]} for a country from 169 east across 180 to 169 west, not
     * all longitudes. A part is taken as it is drawn on a flat map: one polygon from 179 west to
     * 179 east spans the longitudes between.
     */
    public static LonLatBox of(Geometry geometry) {
        Envelope whole = geometry.getEnvelopeInternal();
        LongitudeSpans spans = new LongitudeSpans();
        addParts(geometry, spans);
        return spans.isEmpty() ? new LonLatBox(whole.getMinX(), whole.getMinY(), whole.getMaxX(), whole.getMaxY())
                : spans.box(whole.getMinY(), whole.getMaxY());
    }

    private static void addParts(Geometry geometry, LongitudeSpans spans) {
        if (geometry.getNumGeometries() > 1 || geometry.getGeometryType().equals(Geometry.TYPENAME_GEOMETRYCOLLECTION)) {
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                addParts(geometry.getGeometryN(i), spans);
            }
        } else if (!geometry.isEmpty()) {
            Envelope part = geometry.getEnvelopeInternal();
            spans.add(part.getMinX(), part.getMaxX());
        }
    }

    /** The box as boxes that do not cross the antimeridian: itself, or its parts east and west of it. */
    public List<Envelope> halves() {
        if (!crossesTheAntimeridian()) {
            return List.of(new Envelope(west, east, south, north));
        }
        return List.of(new Envelope(west, 180, south, north), new Envelope(-180, east, south, north));
    }

    /** {@code [west, south, east, north]}, the order of a GeoJSON and STAC {@code bbox}. */
    public double[] toArray() {
        return new double[] {west, south, east, north};
    }
}
