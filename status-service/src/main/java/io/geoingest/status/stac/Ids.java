package io.geoingest.status.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.error.StacProblem;
import java.util.List;
import java.util.regex.Pattern;

/** Ids of collections, items and assets as this API accepts them in writes and in filters. */
public final class Ids {
    /** Safe in a URL path and a file name, and never {@code .} or {@code ..}. */
    private static final Pattern WRITABLE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}");

    private Ids() {
    }

    /** A new id must be URL-safe; {@code kind} names it in the error ("collection", "item", "asset"). */
    public static void requireWritable(String kind, String id) {
        if (!WRITABLE.matcher(id).matches()) {
            throw StacProblem.badRequest("The " + kind + " id must be 1 to 255 ASCII letters, digits, '.', '_' or '-',"
                    + " not starting with '.': " + id);
        }
    }

    /**
     * The ids a filter lists ({@code field}: "collections", "ids"), stripped of surrounding spaces,
     * each once. An empty one, or one holding U+0000, is a 400 naming the field: dropped, it took the
     * filter with it and the search matched everything.
     */
    public static List<String> requireFilterable(String field, List<String> ids) {
        List<String> stripped = ids.stream().map(String::strip).distinct().toList();
        if (stripped.contains("")) {
            throw StacProblem.badRequest(field + " must not hold an empty id");
        }
        if (stripped.stream().anyMatch(id -> id.indexOf('\u0000') >= 0)) {
            throw StacProblem.badRequest(field + " must not hold the character U+0000, which no id can have");
        }
        return stripped;
    }

    /** A body may repeat the id of its path, but not name another one. */
    public static void requireMatchingId(ObjectNode body, String field, String pathId) {
        JsonNode given = body.get(field);
        if (given == null || given.isNull()) {
            return;
        }
        if (!given.isTextual() || !given.asText().equals(pathId)) {
            throw StacProblem.badRequest(field + " in the body (" + given.asText() + ") does not match the"
                    + " path (" + pathId + ")");
        }
    }
}
