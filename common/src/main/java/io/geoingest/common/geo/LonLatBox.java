package io.geoingest.common.geo;

import java.util.ArrayList;
import java.util.Comparator;
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
     * The box of a geometry in longitude and latitude. A geometry split at the antimeridian, as RFC
     * 7946 (3.1.9) asks of one that crosses it, has parts on 180 and on -180: its box is the smallest
     * that holds every part, across the antimeridian when that is smaller ({@code [169, ..., -169]}
     * for a country that reaches from 169 east across 180 to 169 west, not all longitudes).
     */
    public static LonLatBox of(Geometry geometry) {
        Envelope whole = geometry.getEnvelopeInternal();
        LonLatBox plain = new LonLatBox(whole.getMinX(), whole.getMinY(), whole.getMaxX(), whole.getMaxY());
        if (whole.getMinX() > -180 || whole.getMaxX() < 180) {
            return plain;
        }
        List<double[]> spans = new ArrayList<>();
        addLongitudeSpans(geometry, spans);
        spans.sort(Comparator.comparingDouble(span -> span[0]));
        // The widest stretch of longitudes no part covers is what the box leaves out.
        double coveredTo = spans.get(0)[1];
        double widestGap = 0;
        double gapWest = 0;
        double gapEast = 0;
        for (double[] span : spans) {
            if (span[0] > coveredTo && span[0] - coveredTo > widestGap) {
                widestGap = span[0] - coveredTo;
                gapWest = coveredTo;
                gapEast = span[0];
            }
            coveredTo = Math.max(coveredTo, span[1]);
        }
        return widestGap > 0 ? new LonLatBox(gapEast, whole.getMinY(), gapWest, whole.getMaxY()) : plain;
    }

    private static void addLongitudeSpans(Geometry geometry, List<double[]> spans) {
        if (geometry.getNumGeometries() > 1 || geometry.getGeometryType().equals(Geometry.TYPENAME_GEOMETRYCOLLECTION)) {
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                addLongitudeSpans(geometry.getGeometryN(i), spans);
            }
        } else if (!geometry.isEmpty()) {
            Envelope part = geometry.getEnvelopeInternal();
            spans.add(new double[] {part.getMinX(), part.getMaxX()});
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
