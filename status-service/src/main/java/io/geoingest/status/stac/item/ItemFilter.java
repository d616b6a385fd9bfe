package io.geoingest.status.stac.item;

import io.geoingest.common.error.StacProblem;
import io.geoingest.status.stac.Ids;
import io.geoingest.status.stac.filter.FilterCondition;
import java.util.List;
import java.util.Optional;

/**
 * What items to find: every given condition must hold; empty lists and filters do not restrict.
 * {@code condition} is the filter extension's (a CQL2 filter).
 */
public record ItemFilter(
        List<String> collections,
        List<String> ids,
        Optional<SpatialFilter> spatial,
        Optional<DatetimeInterval> datetime,
        Optional<FilterCondition> condition) {

    /** {@code collections} as checked by the caller (a path's, or a client's list); {@code ids} as the client listed them. */
    public static ItemFilter of(List<String> collections, List<String> ids, Optional<SpatialFilter> bbox,
            Optional<SpatialFilter> intersects, Optional<DatetimeInterval> datetime, Optional<FilterCondition> condition) {
        if (bbox.isPresent() && intersects.isPresent()) {
            throw StacProblem.badRequest("bbox and intersects cannot be used together");
        }
        return new ItemFilter(collections, Ids.requireFilterable("ids", ids), bbox.or(() -> intersects), datetime,
                condition);
    }
}
