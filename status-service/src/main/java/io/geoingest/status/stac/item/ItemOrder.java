package io.geoingest.status.stac.item;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.common.error.StacProblem;
import io.geoingest.status.stac.Cursor;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The order of the items of a search and the key a page starts after: by collection and id, or as
 * the STAC API sort extension's {@code sortby} asks, by one field ({@code properties.datetime},
 * {@code id} or {@code collection}) ascending or descending. Ties go by collection and id in the
 * same direction, so that every order is total and a page starts right after the last item of
 * the one before (keyset paging, on indexes: V23-V27).
 *
 * <p>An item's time is its {@code datetime}, or for one that covers a span, its
 * {@code start_datetime}; items without a time come first in ascending order, last in descending.
 */
public record ItemOrder(Field field, boolean descending) {
    public static final ItemOrder BY_KEY = new ItemOrder(Field.COLLECTION, false);
    /** What {@link #parse} takes, as the API's documentation says it. */
    public static final String FIELDS = "properties.datetime (or datetime), id or collection";
    /** The sort time of an item without a time, as PostgreSQL writes it. */
    static final String NO_TIME = "-infinity";

    /** A field items can be sorted by: the columns of its order, the first bound as {@code firstBinding}. */
    public enum Field {
        DATETIME(List.of("stac_item_sort_time(i.datetime, i.start_datetime)", "i.collection_id", "i.id"),
                "cast(? as timestamptz)", "properties.datetime", "datetime"),
        COLLECTION(List.of("i.collection_id", "i.id"), "?", "collection"),
        ID(List.of("i.id", "i.collection_id"), "?", "id");

        private final List<String> columns;
        private final String firstBinding;
        private final List<String> names;

        Field(List<String> columns, String firstBinding, String... names) {
            this.columns = columns;
            this.firstBinding = firstBinding;
            this.names = List.of(names);
        }

        static Optional<Field> named(String name) {
            return Arrays.stream(values()).filter(field -> field.names.contains(name)).findFirst();
        }
    }

    /**
     * A {@code sortby} of GET: fields separated by commas, each after {@code +} (ascending, which a
     * client that does not encode it sends as a space) or {@code -}, or alone (ascending); none
     * asks for the default order.
     */
    public static ItemOrder fromQuery(String sortby) {
        List<String> fields = Arrays.stream(sortby.split(",")).map(String::trim).filter(field -> !field.isEmpty())
                .toList();
        if (fields.isEmpty()) {
            return BY_KEY;
        }
        if (fields.size() > 1) {
            throw oneField(fields.size());
        }
        String field = fields.get(0);
        boolean descending = field.startsWith("-");
        return parse(field.startsWith("-") || field.startsWith("+") ? field.substring(1).trim() : field, descending);
    }

    /**
     * A {@code sortby} of a POST body: an array of {@code {"field": ..., "direction": "asc" | "desc"}};
     * an empty one asks for the default order.
     */
    public static ItemOrder fromBody(JsonNode sortby) {
        if (!sortby.isArray()) {
            throw StacProblem.badRequest("sortby must be an array of {\"field\", \"direction\"} objects");
        }
        if (sortby.isEmpty()) {
            return BY_KEY;
        }
        if (sortby.size() > 1) {
            throw oneField(sortby.size());
        }
        JsonNode sort = sortby.get(0);
        JsonNode field = sort.path("field");
        JsonNode direction = sort.path("direction");
        if (!field.isTextual()) {
            throw StacProblem.badRequest("sortby[0].field must be the name of a field: " + FIELDS);
        }
        String way = direction.isMissingNode() ? "asc" : direction.isTextual() ? direction.asText().toLowerCase(Locale.ROOT)
                : "";
        if (!way.equals("asc") && !way.equals("desc")) {
            throw StacProblem.badRequest("sortby[0].direction must be \"asc\" or \"desc\"");
        }
        return parse(field.asText(), way.equals("desc"));
    }

    private static ItemOrder parse(String name, boolean descending) {
        Field field = Field.named(name).orElseThrow(() -> StacProblem.badRequest(
                "sortby field '" + name + "' is not one this API sorts by: " + FIELDS));
        return new ItemOrder(field, descending);
    }

    private static RuntimeException oneField(int given) {
        return StacProblem.badRequest("sortby takes one field (" + FIELDS + "), not " + given
                + "; ties go by collection and id in the same direction");
    }

    /** {@code order by} the fields' columns in this direction. */
    String orderBy() {
        String direction = descending ? " desc" : "";
        return " order by " + field.columns.stream().map(column -> column + direction).collect(Collectors.joining(", "));
    }

    /** The condition that a row comes after a key, with a placeholder for each part of the key. */
    String after() {
        List<String> bindings = new ArrayList<>(List.of(field.firstBinding));
        for (int column = 1; column < field.columns.size(); column++) {
            bindings.add("?");
        }
        return "(" + String.join(", ", field.columns) + ")" + (descending ? " < " : " > ")
                + "(" + String.join(", ", bindings) + ")";
    }

    /** Whether the part at {@code index} of a key of this order is a time. */
    boolean isTime(int index) {
        return field == Field.DATETIME && index == 0;
    }

    /** The key a page that ends with {@code row} is followed after. */
    public List<String> key(ItemRow row) {
        return switch (field) {
            case DATETIME -> List.of(row.datetime().or(row::startDatetime).map(Instant::toString).orElse(NO_TIME),
                    row.collectionId(), row.id());
            case COLLECTION -> List.of(row.collectionId(), row.id());
            case ID -> List.of(row.id(), row.collectionId());
        };
    }

    /** The key of a {@code cursor} made for this order; 400 for one made for another or made up. */
    public List<String> keyOf(String cursor) {
        List<String> key = Cursor.decode(cursor, field.columns.size());
        if (field == Field.DATETIME && !key.get(0).equals(NO_TIME)) {
            try {
                Instant.parse(key.get(0));
            } catch (DateTimeParseException notATime) {
                throw Cursor.invalid();
            }
        }
        return key;
    }
}
