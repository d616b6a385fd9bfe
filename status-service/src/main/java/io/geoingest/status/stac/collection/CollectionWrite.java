package io.geoingest.status.stac.collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.error.StacProblem;
import io.geoingest.status.stac.Ids;
import io.geoingest.status.stac.JsonFields;
import io.geoingest.status.stac.Rfc3339;
import io.geoingest.status.stac.UserLinks;
import io.geoingest.status.stac.item.SpatialFilter;
import java.util.Optional;
import java.util.Set;

/**
 * A collection as a client PUTs it, checked: what goes into the columns of {@code stac_collection}
 * and every other field of the document, kept as given.
 */
public record CollectionWrite(Optional<String> title, String description, String license, Optional<ObjectNode> extent,
        ObjectNode otherFields) {
    static final String DEFAULT_LICENSE = "proprietary";
    /** Fields the API generates or keeps in columns; {@code links} is stored without generated relations. */
    private static final Set<String> NOT_OTHER = Set.of("id", "type", "stac_version", "title", "description",
            "license", "extent", "links", "created", "updated");

    static CollectionWrite from(String collectionId, JsonNode document) {
        ObjectNode body = JsonFields.requireDocument(document);
        Ids.requireWritable("collection", collectionId);
        Ids.requireMatchingId(body, "id", collectionId);
        JsonFields.text(body, "type").filter(type -> !type.equals("Collection")).ifPresent(type -> {
            throw StacProblem.badRequest("type must be Collection, not '" + type + "'");
        });
        String description = JsonFields.text(body, "description")
                .orElseThrow(() -> StacProblem.badRequest("description is required"));
        Optional<ObjectNode> extent = JsonFields.object(body, "extent");
        extent.ifPresent(CollectionWrite::checkExtent);
        ObjectNode others = JsonFields.without(body, NOT_OTHER);
        UserLinks.from(body).ifPresent(links -> others.set("links", links));
        return new CollectionWrite(JsonFields.text(body, "title"), description,
                JsonFields.text(body, "license").orElse(DEFAULT_LICENSE), extent, others);
    }

    /** The STAC extent: spatial bounding boxes of 4 or 6 numbers, temporal intervals of two date-times or nulls. */
    private static void checkExtent(ObjectNode extent) {
        JsonNode boxes = extent.path("spatial").path("bbox");
        boolean boxesValid = boxes.isArray() && !boxes.isEmpty();
        for (JsonNode box : boxes) {
            boolean numbers = box.isArray() && (box.size() == 4 || box.size() == 6);
            for (JsonNode value : box) {
                numbers &= value.isNumber();
            }
            boxesValid &= numbers;
        }
        if (!boxesValid) {
            throw StacProblem.badRequest("extent.spatial.bbox must be an array of bounding boxes"
                    + " [minx, miny, maxx, maxy]");
        }
        for (JsonNode box : boxes) {
            try {
                SpatialFilter.bbox(box);
            } catch (StacProblem refused) {
                // the same rules as a search's bbox (ranges, order), named as this field
                throw StacProblem.badRequest("extent.spatial." + refused.getMessage());
            }
        }
        JsonNode intervals = extent.path("temporal").path("interval");
        boolean intervalsValid = intervals.isArray() && !intervals.isEmpty();
        for (JsonNode interval : intervals) {
            boolean ends = interval.isArray() && interval.size() == 2;
            for (JsonNode end : interval) {
                ends &= end.isNull() || end.isTextual() && Rfc3339.parse(end.asText()).isPresent();
            }
            intervalsValid &= ends;
        }
        if (!intervalsValid) {
            throw StacProblem.badRequest("extent.temporal.interval must be an array of intervals"
                    + " [start, end], each an RFC 3339 date-time or null");
        }
        for (JsonNode interval : intervals) {
            if (interval.get(0).isTextual() && interval.get(1).isTextual()
                    && Rfc3339.parse(interval.get(0).asText()).get().isAfter(Rfc3339.parse(interval.get(1).asText()).get())) {
                throw StacProblem.badRequest("extent.temporal.interval must not start after it ends: " + interval);
            }
        }
    }
}
