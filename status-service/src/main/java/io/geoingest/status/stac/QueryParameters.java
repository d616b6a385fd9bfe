package io.geoingest.status.stac;

import io.geoingest.common.error.StacProblem;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query of a GET on a list of the STAC API. A parameter of STAC API or OGC API Features that
 * the endpoint does not implement (sortby, filter, fields...) is refused with a 400 naming it, as
 * an unknown field of a POST search is: ignored, it would answer unsorted or unfiltered results as
 * if they were what was asked. Other unknown parameters are ignored, as OGC API Features allows,
 * so that a cache-buster such as {@code _=123} keeps working.
 */
public final class QueryParameters {
    /**
     * Item Search and its sort, fields, filter and query extensions, collection search (q), and
     * the CRS parameters of OGC API Features Part 2, besides our own {@code cursor}.
     */
    private static final Set<String> STANDARD = Set.of("bbox", "intersects", "datetime", "collections", "ids",
            "limit", "cursor", "sortby", "fields", "filter", "filter-lang", "filter-crs", "query", "q", "crs",
            "bbox-crs");

    private QueryParameters() {
    }

    /** 400 for a standard parameter not among {@code supported}. */
    public static void requireSupported(MultivaluedMap<String, String> query, Set<String> supported) {
        Set<String> unsupported = new TreeSet<>(query.keySet());
        unsupported.retainAll(STANDARD);
        unsupported.removeAll(supported);
        if (!unsupported.isEmpty()) {
            throw StacProblem.badRequest("Unsupported parameter(s): " + String.join(", ", unsupported)
                    + "; this endpoint takes " + String.join(", ", new TreeSet<>(supported)));
        }
    }

    /** A list given comma-separated, repeated, or both. */
    public static List<String> split(List<String> values) {
        List<String> items = new ArrayList<>();
        values.forEach(value -> items.addAll(List.of(value.split(",", -1))));
        return items;
    }
}
