package io.geoingest.status.stac.item;

import java.util.List;
import java.util.Optional;

/** What items to find: every given condition must hold; empty lists and filters do not restrict. */
public record ItemFilter(
        List<String> collections,
        List<String> ids,
        Optional<SpatialFilter> spatial,
        Optional<DatetimeInterval> datetime) {

    public static ItemFilter inCollection(String collectionId, Optional<SpatialFilter> spatial,
            Optional<DatetimeInterval> datetime) {
        return new ItemFilter(List.of(collectionId), List.of(), spatial, datetime);
    }
}
