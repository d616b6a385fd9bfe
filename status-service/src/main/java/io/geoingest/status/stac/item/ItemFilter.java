package io.geoingest.status.stac.item;

import io.geoingest.common.error.StacProblem;
import io.geoingest.common.geo.GeoJsonGeometries;
import io.geoingest.status.stac.Ids;
import io.geoingest.status.stac.filter.FilterCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;

/**
 * What items to find: every given condition must hold; empty lists and filters do not restrict.
 * {@code spatial} holds the shapes an item must meet, every one of them: {@code bbox} or
 * {@code intersects}, and the filter's {@code s_intersects}. {@code condition} is the filter
 * extension's (a CQL2 filter), and {@code perRow} what of it is decided on each row the database
 * lets through.
 */
public record ItemFilter(
        List<String> collections,
        List<String> ids,
        List<SpatialFilter> spatial,
        Optional<DatetimeInterval> datetime,
        Optional<FilterCondition> condition,
        Optional<RowDecision> perRow) {

    public ItemFilter {
        spatial = List.copyOf(spatial);
    }

    /** Whether rows are decided in Java after the database found them as candidates. */
    boolean decidedPerRow() {
        return !spatial.isEmpty() || perRow.isPresent();
    }

    /** Whether a candidate the database found matches: its geometry, and the filter's conditions decided per row. */
    boolean matches(ItemRow candidate) {
        // read once for every shape and condition that relates it
        Optional<Geometry> geometry = candidate.geometry().flatMap(GeoJsonGeometries::read);
        return spatial.stream().allMatch(filter -> filter.matches(candidate.geometry().isPresent(), geometry))
                && perRow.map(decision -> decision.holds(candidate, geometry)).orElse(true);
    }

    /** {@code collections} as checked by the caller (a path's, or a client's list); {@code ids} as the client listed them. */
    public static ItemFilter of(List<String> collections, List<String> ids, Optional<SpatialFilter> bbox,
            Optional<SpatialFilter> intersects, Optional<DatetimeInterval> datetime, Optional<FilterCondition> condition) {
        if (bbox.isPresent() && intersects.isPresent()) {
            throw StacProblem.badRequest("bbox and intersects cannot be used together");
        }
        List<SpatialFilter> spatial = new ArrayList<>();
        bbox.or(() -> intersects).ifPresent(spatial::add);
        condition.ifPresent(filter -> filter.intersecting()
                .forEach(shape -> spatial.add(SpatialFilter.ofFilterShape("s_intersects", shape))));
        Optional<RowDecision> perRow = condition.flatMap(FilterCondition::perRow).map(RowDecision::new);
        return new ItemFilter(collections, Ids.requireFilterable("ids", ids), spatial, datetime, condition, perRow);
    }
}
