package io.geoingest.status.stac.item;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.stac.StacItemId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An item as stored in {@code stac_item}; {@code documentLength} is the length of its JSON as read,
 * and of its assets' as stored (PostgreSQL compresses large ones), what it costs a page (see
 * {@link io.geoingest.status.stac.PageLimit#DOCUMENT_BUDGET}): a page of items carries their assets.
 * {@code sortKey} is its key in the order of the search that read it, where a next page starts
 * after it (see {@link ItemOrder}); empty for an item read on its own. {@code conditions} are the
 * values of the filter's conditions the query selected for deciding the row (see
 * {@link io.geoingest.status.stac.filter.FilterCondition#selected()}), empty when unknown.
 */
public record ItemRow(
        String collectionId,
        String id,
        Optional<JsonNode> geometry,
        Optional<double[]> bbox,
        Optional<Instant> datetime,
        Optional<Instant> startDatetime,
        Optional<Instant> endDatetime,
        ObjectNode properties,
        ObjectNode otherFields,
        Instant createdAt,
        Instant updatedAt,
        List<String> sortKey,
        long documentLength,
        List<Optional<Boolean>> conditions) {

    public StacItemId key() {
        return new StacItemId(collectionId, id);
    }
}
