package io.geoingest.status.stac.item;

import io.geoingest.common.auth.Caller;
import io.geoingest.common.stac.StacItemId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pages of items. With a spatial filter the database finds the candidates whose boxes overlap,
 * and JTS keeps those whose geometry really intersects; candidates are read in batches until the
 * page is full, so a page is never short while more matches exist.
 */
@ApplicationScoped
public class ItemPages {
    /** Candidates read per query when JTS has the last word: enough that one query usually fills a page. */
    private static final int MIN_CANDIDATE_BATCH = 100;

    /** A page and, when more items match, the key the next page starts after. */
    public record Page(List<ItemRow> items, Optional<StacItemId> next) {
    }

    @Inject
    ItemQuery query;

    /** The items the caller may read (see {@link io.geoingest.status.stac.VisibleItems}). */
    public Page page(ItemFilter filter, Caller caller, Optional<StacItemId> after, int limit) {
        if (filter.spatial().isEmpty()) {
            return cut(query.find(filter, caller, after, limit + 1), limit);
        }
        SpatialFilter spatial = filter.spatial().get();
        int batch = Math.max(limit + 1, MIN_CANDIDATE_BATCH);
        List<ItemRow> matches = new ArrayList<>();
        Optional<StacItemId> position = after;
        while (true) {
            List<ItemRow> candidates = query.find(filter, caller, position, batch);
            for (ItemRow candidate : candidates) {
                position = Optional.of(candidate.key());
                if (spatial.matches(candidate)) {
                    matches.add(candidate);
                    if (matches.size() > limit) {
                        return cut(matches, limit);
                    }
                }
            }
            if (candidates.size() < batch) {
                return cut(matches, limit);
            }
        }
    }

    /** The first {@code limit} rows; one row more than that means there is a next page. */
    private static Page cut(List<ItemRow> rows, int limit) {
        if (rows.size() <= limit) {
            return new Page(rows, Optional.empty());
        }
        return new Page(rows.subList(0, limit), Optional.of(rows.get(limit - 1).key()));
    }
}
