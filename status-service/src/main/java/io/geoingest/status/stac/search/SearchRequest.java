package io.geoingest.status.stac.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.error.StacProblem;
import io.geoingest.common.stac.StacItemId;
import io.geoingest.status.stac.Cursor;
import io.geoingest.status.stac.JsonFields;
import io.geoingest.status.stac.PageLimit;
import io.geoingest.status.stac.item.DatetimeInterval;
import io.geoingest.status.stac.item.ItemFilter;
import io.geoingest.status.stac.item.SpatialFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An item search, from the query of {@code GET /search} or the body of {@code POST /search}. A bad
 * parameter is a 400 that names it.
 */
record SearchRequest(ItemFilter filter, int limit, Optional<StacItemId> after) {
    static final String CURSOR = "cursor";
    private static final Set<String> BODY_FIELDS = Set.of("bbox", "intersects", "datetime", "collections", "ids",
            "limit", CURSOR);

    /** {@code bbox=minx,miny,maxx,maxy}, {@code intersects=<GeoJSON>}, lists comma-separated or repeated. */
    static SearchRequest fromQuery(MultivaluedMap<String, String> query, ObjectMapper json) {
        Optional<SpatialFilter> bbox = first(query, "bbox").map(SpatialFilter::bbox);
        Optional<SpatialFilter> intersects = first(query, "intersects").map(text -> {
            try {
                return SpatialFilter.intersects(json.readTree(text));
            } catch (JsonProcessingException e) {
                throw StacProblem.badRequest("intersects must be a GeoJSON geometry object (JSON)");
            }
        });
        return of(bbox, intersects,
                first(query, "datetime").map(DatetimeInterval::parse),
                commaSeparated(query.get("collections")),
                commaSeparated(query.get("ids")),
                PageLimit.parse(first(query, "limit").orElse(null)),
                first(query, CURSOR));
    }

    /** The fields of the STAC item-search body; an unknown field (a filter we do not offer) is refused, not ignored. */
    static SearchRequest fromBody(ObjectNode body) {
        Set<String> unsupported = new TreeSet<>();
        body.fieldNames().forEachRemaining(field -> {
            if (!BODY_FIELDS.contains(field)) {
                unsupported.add(field);
            }
        });
        if (!unsupported.isEmpty()) {
            throw StacProblem.badRequest("Unsupported search field(s): " + String.join(", ", unsupported)
                    + "; this API searches by " + String.join(", ", new TreeSet<>(BODY_FIELDS)));
        }
        return of(JsonFields.field(body, "bbox").map(SpatialFilter::bbox),
                JsonFields.field(body, "intersects").map(SpatialFilter::intersects),
                JsonFields.text(body, "datetime").map(DatetimeInterval::parse),
                nonBlank(JsonFields.strings(body, "collections").orElse(List.of())),
                nonBlank(JsonFields.strings(body, "ids").orElse(List.of())),
                PageLimit.of(body.get("limit")),
                JsonFields.text(body, CURSOR));
    }

    private static SearchRequest of(Optional<SpatialFilter> bbox, Optional<SpatialFilter> intersects,
            Optional<DatetimeInterval> datetime, List<String> collections, List<String> ids, int limit,
            Optional<String> cursor) {
        if (bbox.isPresent() && intersects.isPresent()) {
            throw StacProblem.badRequest("bbox and intersects cannot be used together");
        }
        Optional<StacItemId> after = cursor.map(value -> {
            List<String> key = Cursor.decode(value, 2);
            return new StacItemId(key.get(0), key.get(1));
        });
        return new SearchRequest(new ItemFilter(collections, ids, bbox.or(() -> intersects), datetime), limit, after);
    }

    private static Optional<String> first(MultivaluedMap<String, String> query, String name) {
        return Optional.ofNullable(query.getFirst(name));
    }

    private static List<String> commaSeparated(List<String> values) {
        List<String> items = new ArrayList<>();
        if (values != null) {
            values.forEach(value -> items.addAll(List.of(value.split(","))));
        }
        return nonBlank(items);
    }

    private static List<String> nonBlank(List<String> values) {
        return values.stream().map(String::trim).filter(value -> !value.isEmpty()).distinct().toList();
    }
}
