package io.geoingest.status.stac.item;

import io.geoingest.common.error.StacProblem;
import java.util.List;
import java.util.Optional;

/** What items to find: every given condition must hold; empty lists and filters do not restrict. */
public record ItemFilter(
        List<String> collections,
        List<String> ids,
        Optional<SpatialFilter> spatial,
        Optional<DatetimeInterval> datetime) {

    public static ItemFilter of(List<String> collections, List<String> ids, Optional<SpatialFilter> bbox,
            Optional<SpatialFilter> intersects, Optional<DatetimeInterval> datetime) {
        if (bbox.isPresent() && intersects.isPresent()) {
            throw StacProblem.badRequest("bbox and intersects cannot be used together");
        }
        return new ItemFilter(nonBlank(collections), nonBlank(ids), bbox.or(() -> intersects), datetime);
    }

    private static List<String> nonBlank(List<String> values) {
        return values.stream().map(String::trim).filter(value -> !value.isEmpty()).distinct().toList();
    }
}
