package io.geoingest.status.stac.item;

import io.geoingest.common.auth.Caller;
import io.geoingest.status.stac.PageLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pages of items. With a spatial filter the database finds the candidates whose boxes overlap,
 * and JTS keeps those whose geometry really intersects (or that the filter's spatial functions
 * under or and not, decided on each row, keep); candidates are read in the page's order, in two
 * queries at most (more when their documents are large), until the page is full, the candidates run out, or {@link #candidateCap} of
 * them were examined. A page cut short by the cap ends with a {@code next} key after the last
 * candidate examined, so a page may hold fewer than {@code limit} items (even none) and still
 * have a next page; a page without a next key is the last. So may a page whose items' documents
 * reach {@link PageLimit#DOCUMENT_BUDGET}.
 */
@ApplicationScoped
public class ItemPages {
    /** Candidates read by the first query when JTS has the last word: enough that one query usually fills a page. */
    private static final int MIN_CANDIDATE_BATCH = 100;
    /** Candidates examined per page, per item the page may hold: see {@link #candidateCap}. */
    private static final int CANDIDATES_PER_RESULT = 10;
    /** Candidates a page may examine however small its limit: see {@link #candidateCap}. */
    private static final int MIN_CANDIDATES = 1000;

    /** What a client is told of pages cut short, in the API's descriptions. */
    public static final String SHORT_PAGES = " With `bbox`, `intersects` or spatial functions in `filter` a page may hold"
            + " fewer than `limit` items, even none, and still have a `next` link: follow `next` until there is none."
            + PageLimit.SHORT_PAGES;

    /** A page and, when more items may match, the key the next page starts after (see {@link ItemRow#sortKey}). */
    public record Page(List<ItemRow> items, Optional<List<String>> next) {
    }

    @Inject
    ItemQuery query;

    /**
     * The most candidates one page examines: 10 per item of the page, and at least 1000. Without
     * a cap, a filter whose box covers every item but whose geometry matches none (two points at
     * opposite corners of where the items lie) made one request read and test the whole table; with it a
     * page costs at most 10 times what a page of matches does (10,000 candidates at the largest
     * limit, 1000), while the floor spares small pages of a sparse filter from coming back short
     * after a few candidates. A client pages on through the {@code next} link, as it does anyway.
     */
    public static int candidateCap(int limit) {
        return Math.max(CANDIDATES_PER_RESULT * limit, MIN_CANDIDATES);
    }

    /** The items the caller may read (see {@link io.geoingest.status.stac.VisibleItems}). */
    public Page page(ItemFilter filter, Caller caller, ItemOrder order, Optional<List<String>> after, int limit) {
        if (!filter.decidedPerRow()) {
            return cut(query.find(filter, caller, order, after, limit + 1, PageLimit.DOCUMENT_BUDGET), limit);
        }
        int cap = candidateCap(limit);
        int batch = Math.max(limit + 1, MIN_CANDIDATE_BATCH);
        int examined = 0;
        List<ItemRow> matches = new ArrayList<>();
        long matchesLength = 0;
        Optional<List<String>> position = after;
        while (true) {
            int count = Math.min(batch, cap - examined);
            // Each query starts after the last candidate examined (keyset), and reads one candidate
            // more than it examines: that one tells whether any remain.
            ItemQuery.Rows candidates = query.find(filter, caller, order, position, count + 1, PageLimit.DOCUMENT_BUDGET);
            List<ItemRow> rows = candidates.rows();
            for (ItemRow candidate : rows.subList(0, Math.min(count, rows.size()))) {
                position = Optional.of(candidate.sortKey());
                examined++;
                if (filter.matches(candidate)) {
                    matches.add(candidate);
                    matchesLength += candidate.documentLength();
                    if (matches.size() > limit) {
                        return cut(matches, limit);
                    }
                    if (matchesLength >= PageLimit.DOCUMENT_BUDGET) {
                        return new Page(matches, position);
                    }
                }
            }
            if (!candidates.cutShort() && rows.size() <= count) {
                return cut(matches, limit);
            }
            if (examined == cap) {
                return new Page(matches, position);
            }
            // The rest of the cap in one query: one costs about as much whatever its limit when
            // PostgreSQL takes every box match from the GiST index and sorts them by key.
            batch = cap - examined;
        }
    }

    /** As {@link #cut(List, int)}; rows cut short by the budget have a next page after the last. */
    private static Page cut(ItemQuery.Rows found, int limit) {
        List<ItemRow> rows = found.rows();
        if (found.cutShort() && rows.size() <= limit) {
            return new Page(rows, Optional.of(rows.get(rows.size() - 1).sortKey()));
        }
        return cut(rows, limit);
    }

    /** The first {@code limit} rows; one row more than that means there is a next page. */
    private static Page cut(List<ItemRow> rows, int limit) {
        if (rows.size() <= limit) {
            return new Page(rows, Optional.empty());
        }
        return new Page(rows.subList(0, limit), Optional.of(rows.get(limit - 1).sortKey()));
    }
}
