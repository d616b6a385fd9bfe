package io.geoingest.common.geo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.io.geojson.GeoJsonWriter;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * GeoJSON geometries (WGS 84 longitude/latitude) read with JTS: STAC item writes and spatial
 * search, and the geometry a client gives with an upload, which becomes its item's.
 */
public final class GeoJsonGeometries {
    private static final Set<String> TYPES = Set.of("Point", "MultiPoint", "LineString", "MultiLineString",
            "Polygon", "MultiPolygon", "GeometryCollection");
    private static final GeometryFactory FACTORY = new GeometryFactory();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Integer> POSITION_DEPTH = Map.of("Point", 0, "MultiPoint", 1, "LineString", 1,
            "MultiLineString", 2, "Polygon", 2, "MultiPolygon", 3);

    private GeoJsonGeometries() {
    }

    /**
     * A geometry a client sent in {@code field}: a GeoJSON geometry object, not empty, with
     * positions of at least two numbers, within longitude -180..180 and latitude -90..90, and valid
     * (for example no self-intersecting ring). Anything else is thrown as {@code refusal} of a
     * message that names the field and the problem.
     */
    public static Geometry require(String field, JsonNode node, Function<String, ? extends RuntimeException> refusal) {
        if (node == null || !node.isObject()) {
            throw refusal.apply(field + " must be a GeoJSON geometry object");
        }
        JsonNode type = node.get("type");
        if (type == null || !TYPES.contains(type.asText())) {
            throw refusal.apply(field + ".type must be one of " + String.join(", ", TYPES.stream().sorted().toList())
                    + (type == null ? "" : ", not '" + type.asText() + "'"));
        }
        Optional<Geometry> read = positionsComplete(node) ? read(node) : Optional.empty();
        Geometry geometry = read.orElseThrow(() -> refusal.apply(
                field + " is not a valid GeoJSON " + type.asText() + ": check its coordinates"));
        if (geometry.isEmpty()) {
            throw refusal.apply(field + " has no coordinates");
        }
        Envelope envelope = geometry.getEnvelopeInternal();
        if (envelope.getMinX() < -180 || envelope.getMaxX() > 180 || envelope.getMinY() < -90 || envelope.getMaxY() > 90) {
            throw refusal.apply(field + " must be in WGS 84 longitude/latitude: longitude -180 to 180, latitude -90 to 90");
        }
        IsValidOp validity = new IsValidOp(geometry);
        if (!validity.isValid()) {
            TopologyValidationError error = validity.getValidationError();
            Coordinate at = error.getCoordinate();
            throw refusal.apply(field + " is not a valid geometry: " + error.getMessage()
                    + (at == null ? "" : " at (" + at.getX() + ", " + at.getY() + ")"));
        }
        return geometry;
    }

    /** A stored GeoJSON geometry, if it can be read. */
    public static Optional<Geometry> read(JsonNode node) {
        try {
            return Optional.of(new GeoJsonReader(FACTORY).read(node.toString()));
        } catch (ParseException | RuntimeException unreadable) {
            // GeoJsonReader reports malformed coordinates with parse, cast or argument exceptions alike
            return Optional.empty();
        }
    }

    /**
     * The GeoJSON form of a geometry in well-known text ({@code POINT (7 46)}), if the text is WKT;
     * coordinates keep 15 decimals, as many as a double holds, so none is rounded.
     */
    public static Optional<JsonNode> fromWellKnownText(String text) {
        try {
            return Optional.of(toJson(new WKTReader(FACTORY).read(text)));
        } catch (ParseException | RuntimeException notWellKnownText) {
            // WKTReader reports some malformed numbers with runtime exceptions rather than ParseException
            return Optional.empty();
        }
    }

    /** The GeoJSON geometry object of a geometry, its coordinates with 15 decimals (none rounded). */
    public static JsonNode toJson(Geometry geometry) {
        GeoJsonWriter writer = new GeoJsonWriter(15);
        writer.setEncodeCRS(false);
        try {
            return JSON.readTree(writer.write(geometry));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("JTS wrote GeoJSON that Jackson cannot read", impossible);
        }
    }

    /** The rectangle from (minX, minY) to (maxX, maxY) as a polygon (a point or line when degenerate). */
    public static Geometry box(double minX, double minY, double maxX, double maxY) {
        return FACTORY.toGeometry(new Envelope(minX, maxX, minY, maxY));
    }

    /**
     * Whether the coordinates nest as deep as the type says, every part holds something and every
     * position holds a longitude and a latitude. JTS reads {@code [7]} as (7, 0) and a MultiPoint
     * {@code [[]]} as (0, 0), and takes an empty ring in a polygon: places the client never gave.
     * Only the coordinates as a whole may be empty, which is refused as an empty geometry.
     */
    private static boolean positionsComplete(JsonNode geometry) {
        String type = geometry.path("type").asText();
        if (type.equals("GeometryCollection")) {
            JsonNode members = geometry.path("geometries");
            if (!members.isArray()) {
                return false;
            }
            for (JsonNode member : members) {
                if (!member.isObject() || !positionsComplete(member)) {
                    return false;
                }
            }
            return true;
        }
        Integer depth = POSITION_DEPTH.get(type);
        JsonNode coordinates = geometry.path("coordinates");
        if (depth == null || !coordinates.isArray()) {
            return false;
        }
        return coordinates.isEmpty() || nestedPositions(coordinates, depth);
    }

    /** @param depth how many levels of arrays lie above the positions: 0 for a position itself */
    private static boolean nestedPositions(JsonNode node, int depth) {
        if (!node.isArray()) {
            return false;
        }
        if (depth == 0) {
            if (node.size() < 2) {
                return false;
            }
            for (JsonNode number : node) {
                if (!number.isNumber()) {
                    return false;
                }
            }
            return true;
        }
        if (node.isEmpty()) {
            return false;
        }
        for (JsonNode inner : node) {
            if (!nestedPositions(inner, depth - 1)) {
                return false;
            }
        }
        return true;
    }
}
