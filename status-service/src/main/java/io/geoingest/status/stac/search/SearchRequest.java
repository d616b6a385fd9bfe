package io.geoingest.status.stac.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.error.StacProblem;
import io.geoingest.status.stac.Cursor;
import io.geoingest.status.stac.Ids;
import io.geoingest.status.stac.JsonFields;
import io.geoingest.status.stac.PageLimit;
import io.geoingest.status.stac.QueryParameters;
import io.geoingest.status.stac.filter.CqlFilter;
import io.geoingest.status.stac.item.DatetimeInterval;
import io.geoingest.status.stac.item.ItemFields;
import io.geoingest.status.stac.item.ItemFilter;
import io.geoingest.status.stac.item.ItemOrder;
import io.geoingest.status.stac.item.ItemQueryParameters;
import io.geoingest.status.stac.item.SpatialFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An item search, from the query of {@code GET /search} or the body of {@code POST /search}. A bad
 * parameter is a 400 that names it.
 */
record SearchRequest(ItemFilter filter, int limit, ItemOrder order, Optional<List<String>> after,
        Optional<ItemFields> fields) {
    /** The fields of a search body, and the parameters of a search query. */
    static final Set<String> FIELDS = Stream.concat(ItemQueryParameters.NAMES.stream(), Stream.of("collections"))
            .collect(Collectors.toUnmodifiableSet());

    static SearchRequest fromQuery(MultivaluedMap<String, String> query, ItemQueryParameters parameters,
            List<String> collections, ObjectMapper json) {
        QueryParameters.requireSupported(query, FIELDS);
        List<String> collectionIds = Ids.requireFilterable("collections", QueryParameters.split(collections));
        return new SearchRequest(parameters.filter(collectionIds, json), parameters.pageSize(), parameters.order(),
                parameters.after(), parameters.fields(query));
    }

    /** The fields of the STAC item-search body; an unknown field (a filter we do not offer) is refused, not ignored. */
    static SearchRequest fromBody(ObjectNode body) {
        Set<String> unsupported = new TreeSet<>();
        body.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                unsupported.add(field);
            }
        });
        if (!unsupported.isEmpty()) {
            throw StacProblem.badRequest("Unsupported search field(s): " + String.join(", ", unsupported)
                    + "; this API searches by " + String.join(", ", new TreeSet<>(FIELDS)));
        }
        List<String> collectionIds = Ids.requireFilterable("collections",
                JsonFields.strings(body, "collections").orElse(List.of()));
        return of(ItemFilter.of(collectionIds, JsonFields.strings(body, "ids").orElse(List.of()),
                        JsonFields.field(body, "bbox").map(SpatialFilter::bbox),
                        JsonFields.field(body, "intersects").map(SpatialFilter::intersects),
                        JsonFields.text(body, "datetime").map(DatetimeInterval::parse),
                        CqlFilter.fromBody(body)),
                PageLimit.of(body.get("limit")),
                JsonFields.field(body, ItemQueryParameters.SORTBY).map(ItemOrder::fromBody).orElse(ItemOrder.BY_KEY),
                JsonFields.text(body, Cursor.PARAMETER),
                JsonFields.field(body, ItemQueryParameters.FIELDS).map(ItemFields::fromBody));
    }

    private static SearchRequest of(ItemFilter filter, int limit, ItemOrder order, Optional<String> cursor,
            Optional<ItemFields> fields) {
        return new SearchRequest(filter, limit, order, cursor.map(order::keyOf), fields);
    }
}
