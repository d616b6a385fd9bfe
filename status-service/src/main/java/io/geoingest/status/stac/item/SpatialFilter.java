package io.geoingest.status.stac.item;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.error.StacProblem;
import io.geoingest.common.geo.GeoJsonGeometries;
import io.geoingest.common.geo.LonLatBox;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * A {@code bbox} or {@code intersects} filter. PostgreSQL selects the candidates whose boxes
 * overlap {@code boxes} (an index query); an item matches when its geometry intersects one of
 * {@code shapes}. A bbox that crosses the antimeridian (minx > maxx) is two boxes, and so is the
 * box of a geometry that does.
 */
public record SpatialFilter(List<Envelope> boxes, List<Geometry> shapes) {
    /**
     * A decimal number, with an optional sign and exponent ({@code 7}, {@code -0.5}, {@code .5},
     * {@code 1e-3}), as people and tools write them. Java's own parser also reads {@code 0x1p3},
     * {@code 1d}, {@code NaN} and {@code Infinity}, which are no coordinates.
     */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final String BBOX_FORMAT = "bbox must be four numbers minx,miny,maxx,maxy in WGS 84"
            + " longitude/latitude (or six with heights)";

    /** {@code bbox} as a query parameter: {@code minx,miny,maxx,maxy}, or with heights {@code minx,miny,minz,maxx,maxy,maxz}. */
    public static SpatialFilter bbox(String text) {
        String[] parts = text.split(",", -1);
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String number = parts[i].trim();
            if (!DECIMAL.matcher(number).matches()) {
                throw StacProblem.badRequest(BBOX_FORMAT);
            }
            values[i] = Double.parseDouble(number);
        }
        return bbox(values);
    }

    /** {@code bbox} in a search body: an array of numbers. */
    public static SpatialFilter bbox(JsonNode array) {
        if (!array.isArray()) {
            throw StacProblem.badRequest(BBOX_FORMAT);
        }
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            if (!array.get(i).isNumber()) {
                throw StacProblem.badRequest(BBOX_FORMAT);
            }
            values[i] = array.get(i).doubleValue();
        }
        return bbox(values);
    }

    /** {@code intersects} as a query parameter: a GeoJSON geometry as JSON text. */
    public static SpatialFilter intersects(String text, ObjectMapper json) {
        try {
            return intersects(json.readTree(text));
        } catch (JsonProcessingException e) {
            throw StacProblem.badRequest("intersects must be a GeoJSON geometry object (JSON)");
        }
    }

    public static SpatialFilter intersects(JsonNode geometry) {
        return intersects("intersects", geometry);
    }

    /** A GeoJSON geometry given as {@code field}, which a refusal names. */
    public static SpatialFilter intersects(String field, JsonNode geometry) {
        Geometry shape = GeoJsonGeometries.require(field, geometry, StacProblem::badRequest);
        // A geometry split at the antimeridian (RFC 7946, 3.1.9) lies in a box across it: its
        // envelope, all longitudes, would make every item of its latitudes a candidate.
        return new SpatialFilter(LonLatBox.of(shape).halves(), List.of(shape));
    }

    /**
     * A filter function's shape: {@code {"bbox": [...]}}, or a GeoJSON geometry, which may carry a
     * {@code bbox} member of its own (RFC 7946, 5) that does not stand for the geometry.
     *
     * @param function the function that relates it, which a refusal names
     */
    public static SpatialFilter ofFilterShape(String function, JsonNode shape) {
        return shape.has("type") ? intersects("filter: " + function, shape) : bbox(shape.get("bbox"));
    }

    private static SpatialFilter bbox(double[] values) {
        if (values.length != 4 && values.length != 6) {
            throw StacProblem.badRequest(BBOX_FORMAT);
        }
        int half = values.length / 2;
        double minX = values[0];
        double minY = values[1];
        double maxX = values[half];
        double maxY = values[half + 1];
        for (double value : values) {
            if (!Double.isFinite(value)) {
                throw StacProblem.badRequest(BBOX_FORMAT);
            }
        }
        if (Math.abs(minX) > 180 || Math.abs(maxX) > 180 || Math.abs(minY) > 90 || Math.abs(maxY) > 90) {
            throw StacProblem.badRequest("bbox must be within longitude -180 to 180 and latitude -90 to 90");
        }
        if (minY > maxY) {
            throw StacProblem.badRequest("bbox miny must not be greater than maxy");
        }
        // Heights are checked, not matched: items are 2D, and a position without a height is of an
        // unknown height, not at 0 (the ellipsoid), so every height range may hold a footprint.
        if (values.length == 6 && values[2] > values[5]) {
            throw StacProblem.badRequest("bbox minimum height must not be greater than the maximum height");
        }
        return of(new LonLatBox(minX, minY, maxX, maxY).halves());
    }

    private static SpatialFilter of(List<Envelope> boxes) {
        return new SpatialFilter(boxes, boxes.stream()
                .map(box -> GeoJsonGeometries.box(box.getMinX(), box.getMinY(), box.getMaxX(), box.getMaxY())).toList());
    }

    /**
     * Whether a candidate's geometry intersects the filter. A stored geometry JTS cannot read or
     * relate (not written through this API) is judged by its box, which the database matched.
     *
     * @param stored whether the item has a geometry at all
     * @param geometry the item's geometry as JTS read it, empty when it has none or JTS could not read it
     */
    boolean matches(boolean stored, Optional<Geometry> geometry) {
        if (!stored) {
            return false;
        }
        return geometry.map(item -> {
            try {
                return shapes.stream().anyMatch(item::intersects);
            } catch (RuntimeException unrelatable) {
                return true;
            }
        }).orElse(true);
    }
}
