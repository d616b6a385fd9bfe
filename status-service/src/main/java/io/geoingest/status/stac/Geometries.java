package io.geoingest.status.stac;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.common.error.StacProblem;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/** GeoJSON geometries (WGS 84 longitude/latitude) read with JTS, for item writes and spatial search. */
public final class Geometries {
    private static final Set<String> TYPES = Set.of("Point", "MultiPoint", "LineString", "MultiLineString",
            "Polygon", "MultiPolygon", "GeometryCollection");
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private Geometries() {
    }

    /**
     * A geometry a client sent in {@code field}: a GeoJSON geometry object, not empty, within
     * longitude -180..180 and latitude -90..90, and valid (for example no self-intersecting ring).
     * Anything else is a 400 naming the field and the problem.
     */
    public static Geometry require(String field, JsonNode node) {
        if (node == null || !node.isObject()) {
            throw StacProblem.badRequest(field + " must be a GeoJSON geometry object");
        }
        JsonNode type = node.get("type");
        if (type == null || !TYPES.contains(type.asText())) {
            throw StacProblem.badRequest(field + ".type must be one of " + String.join(", ", TYPES.stream().sorted().toList())
                    + (type == null ? "" : ", not '" + type.asText() + "'"));
        }
        Geometry geometry = read(node).orElseThrow(() -> StacProblem.badRequest(
                field + " is not a valid GeoJSON " + type.asText() + ": check its coordinates"));
        if (geometry.isEmpty()) {
            throw StacProblem.badRequest(field + " has no coordinates");
        }
        Envelope envelope = geometry.getEnvelopeInternal();
        if (envelope.getMinX() < -180 || envelope.getMaxX() > 180 || envelope.getMinY() < -90 || envelope.getMaxY() > 90) {
            throw StacProblem.badRequest(field + " must be in WGS 84 longitude/latitude:"
                    + " longitude -180 to 180, latitude -90 to 90");
        }
        IsValidOp validity = new IsValidOp(geometry);
        if (!validity.isValid()) {
            TopologyValidationError error = validity.getValidationError();
            Coordinate at = error.getCoordinate();
            throw StacProblem.badRequest(field + " is not a valid geometry: " + error.getMessage()
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

    /** The rectangle from (minX, minY) to (maxX, maxY) as a polygon (a point or line when degenerate). */
    public static Geometry box(double minX, double minY, double maxX, double maxY) {
        return FACTORY.toGeometry(new Envelope(minX, maxX, minY, maxY));
    }
}
