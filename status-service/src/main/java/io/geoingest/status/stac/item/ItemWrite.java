package io.geoingest.status.stac.item;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.error.StacProblem;
import io.geoingest.common.geo.GeoJsonGeometries;
import io.geoingest.common.geo.LonLatBox;
import io.geoingest.status.stac.Ids;
import io.geoingest.status.stac.JsonFields;
import io.geoingest.status.stac.Rfc3339;
import io.geoingest.status.stac.UserLinks;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * An item as a client PUTs it, checked: a valid GeoJSON geometry (its box, across the antimeridian
 * for a geometry split there, goes to the indexed bbox columns) or, as STAC allows for data
 * without a location, {@code null}; a {@code properties.datetime} or a start and end; and every
 * other field kept.
 */
public record ItemWrite(Optional<JsonNode> geometry, Optional<LonLatBox> bbox, Optional<Instant> datetime,
        Optional<Instant> startDatetime, Optional<Instant> endDatetime, ObjectNode properties, ObjectNode otherFields) {
    static final Set<String> DATETIMES = Set.of("datetime", "start_datetime", "end_datetime");
    static final String GEOMETRY_REQUIRED =
            "geometry is required: a GeoJSON geometry in WGS 84, or null for an item without a location";
    /** Properties the API keeps in columns or generates. */
    private static final Set<String> NOT_OTHER_PROPERTIES = Set.of("datetime", "start_datetime", "end_datetime",
            "created", "updated");
    /** Top-level fields the API keeps in columns or generates; assets are written one by one. */
    private static final Set<String> NOT_OTHER_FIELDS = Set.of("type", "stac_version", "id", "collection", "geometry",
            "bbox", "properties", "links", "assets");

    /** The id a POST of an item names it by: its body's. */
    static String idOf(JsonNode document) {
        ObjectNode body = JsonFields.requireDocument(document);
        if ("FeatureCollection".equals(body.path("type").asText())) {
            throw StacProblem.badRequest("One item per request: POST each Feature of the collection on its own");
        }
        return JsonFields.text(body, "id").filter(id -> !id.isBlank())
                .orElseThrow(() -> StacProblem.badRequest("id is required: the id of the item to create"));
    }

    static ItemWrite from(String collectionId, String itemId, JsonNode document) {
        ObjectNode body = JsonFields.requireDocument(document);
        Ids.requireWritable("item", itemId);
        Ids.requireMatchingId(body, "id", itemId);
        Ids.requireMatchingId(body, "collection", collectionId);
        JsonFields.text(body, "type").filter(type -> !type.equals("Feature")).ifPresent(type -> {
            throw StacProblem.badRequest("type must be Feature, not '" + type + "'");
        });
        if (!body.has("geometry")) {
            throw StacProblem.badRequest(GEOMETRY_REQUIRED);
        }
        Optional<JsonNode> geometry = JsonFields.field(body, "geometry");
        Optional<LonLatBox> bbox = geometry.map(
                given -> LonLatBox.of(GeoJsonGeometries.require("geometry", given, StacProblem::badRequest)));
        ObjectNode properties = JsonFields.object(body, "properties")
                .orElseThrow(() -> StacProblem.badRequest("properties is required and must contain datetime"));
        Optional<Instant> datetime = datetime(properties, "datetime");
        Optional<Instant> start = datetime(properties, "start_datetime");
        Optional<Instant> end = datetime(properties, "end_datetime");
        if (datetime.isEmpty() && (start.isEmpty() || end.isEmpty())) {
            throw StacProblem.badRequest("properties.datetime is required"
                    + " (or properties.start_datetime and properties.end_datetime)");
        }
        if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
            throw StacProblem.badRequest("properties.start_datetime must not be after properties.end_datetime");
        }
        ObjectNode otherFields = JsonFields.without(body, NOT_OTHER_FIELDS);
        UserLinks.from(body).ifPresent(links -> otherFields.set("links", links));
        return new ItemWrite(geometry, bbox, datetime, start, end,
                JsonFields.without(properties, NOT_OTHER_PROPERTIES), otherFields);
    }

    private static Optional<Instant> datetime(ObjectNode properties, String name) {
        return JsonFields.field(properties, name).map(value -> {
            if (!value.isTextual()) {
                throw StacProblem.badRequest("properties." + name + " must be an RFC 3339 date-time string");
            }
            return Rfc3339.require("properties." + name, value.asText());
        });
    }
}
