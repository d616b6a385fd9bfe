package io.geoingest.status.stac.item;

import static io.geoingest.status.stac.SqlParameter.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.geoingest.common.error.StacProblem;
import io.geoingest.status.stac.Cursor;
import io.geoingest.status.stac.SqlParameter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The order of the items of a search and the key a page starts after: by collection and id, or as
 * the STAC API sort extension's {@code sortby} asks, by up to {@value #MAX_FIELDS} fields, each
 * ascending or descending: an item's {@code id}, {@code collection}, {@code datetime},
 * {@code start_datetime}, {@code end_datetime}, {@code created} or {@code updated}, or any member
 * of its properties ({@code eo:cloud_cover} or {@code properties.eo:cloud_cover}). Ties go by
 * collection and id in the direction of the first field, so that every order is total and a page
 * starts right after the last item of the one before (keyset paging; by one of the first three
 * fields on indexes: V23-V27).
 *
 * <p>An item's {@code datetime} is its own, or for one that covers a span, its {@code start_datetime};
 * items without the time sorted by come first in ascending order, last in descending. A member of
 * properties sorts as PostgreSQL orders JSON: items without it first (as JSON null), then strings,
 * numbers, booleans, arrays and objects, each type among its own kind.
 */
public record ItemOrder(List<SortKey> keys) {
    public static final ItemOrder BY_KEY = new ItemOrder(List.of(new SortKey(Sortable.COLLECTION, false)));
    /** What {@code sortby} takes, as the API's documentation says it. */
    public static final String FIELDS = "id, collection, datetime, start_datetime, end_datetime, created, updated,"
            + " or a member of the items' properties (eo:cloud_cover or properties.eo:cloud_cover)";
    public static final int MAX_FIELDS = 8;
    /** The sort time of an item without the time, as PostgreSQL writes it. */
    static final String NO_TIME = "-infinity";
    private static final String PROPERTIES = "properties.";
    /** Top-level members of an item, which are no properties to sort by. */
    private static final Set<String> NOT_SORTABLE = Set.of("geometry", "bbox", "assets", "links", "type",
            "stac_version", "stac_extensions");
    private static final int MAX_NAME_LENGTH = 256;
    /** Reads a cursor's JSON part whole, as PostgreSQL will. */
    private static final ObjectReader JSON = new ObjectMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** How a part of a sort key is read, written in a cursor and bound. */
    enum KeyType {
        TEXT, TIME, JSON
    }

    /** Something items can be sorted by: an expression on {@code stac_item i} never null, of a type. */
    record Sortable(String name, String expression, KeyType type) {
        static final Sortable COLLECTION = new Sortable("collection", "i.collection_id", KeyType.TEXT);
        static final Sortable ID = new Sortable("id", "i.id", KeyType.TEXT);
        private static final Map<String, Sortable> COLUMNS = Map.of(
                "id", ID,
                "collection", COLLECTION,
                "datetime", new Sortable("datetime", "stac_item_sort_time(i.datetime, i.start_datetime)", KeyType.TIME),
                "start_datetime", new Sortable("start_datetime", "coalesce(i.start_datetime, '-infinity')", KeyType.TIME),
                "end_datetime", new Sortable("end_datetime", "coalesce(i.end_datetime, '-infinity')", KeyType.TIME),
                "created", new Sortable("created", "i.created_at", KeyType.TIME),
                "updated", new Sortable("updated", "i.updated_at", KeyType.TIME));

        static Sortable named(String given) {
            String name = given.startsWith(PROPERTIES) ? given.substring(PROPERTIES.length()) : given;
            if (COLUMNS.containsKey(name)) {
                return COLUMNS.get(name);
            }
            if (name.isBlank() || NOT_SORTABLE.contains(name) || name.length() > MAX_NAME_LENGTH
                    || name.chars().anyMatch(Character::isISOControl)) {
                throw StacProblem.badRequest("sortby field '" + given + "' is not one this API sorts by: " + FIELDS);
            }
            // A literal rather than a parameter: the name is part of the order by of each branch and of
            // the merge. An escape string (E'...') reads backslashes as escapes whatever
            // standard_conforming_strings says, so escaping both is safe under any setting.
            String literal = "E'" + name.replace("\\", "\\\\").replace("'", "\\'") + "'";
            return new Sortable(name, "coalesce(i.properties -> " + literal + ", 'null'::jsonb)", KeyType.JSON);
        }
    }

    /** A field and its direction. */
    public record SortKey(Sortable by, boolean descending) {
        String written() {
            return (descending ? "-" : "+") + by.name();
        }
    }

    /** One column of the order: a sort key, or the collection or id that breaks ties. */
    private record Column(Sortable by, boolean descending) {
    }

    /**
     * A {@code sortby} of GET: fields separated by commas, each after {@code +} (ascending, which a
     * client that does not encode it sends as a space) or {@code -}, or alone (ascending); none
     * asks for the default order.
     */
    public static ItemOrder fromQuery(String sortby) {
        List<SortKey> keys = new ArrayList<>();
        for (String written : sortby.split(",")) {
            String field = written.trim();
            if (!field.isEmpty()) {
                boolean signed = field.startsWith("-") || field.startsWith("+");
                keys.add(new SortKey(Sortable.named(signed ? field.substring(1).trim() : field), field.startsWith("-")));
            }
        }
        return of(keys);
    }

    /**
     * A {@code sortby} of a POST body: an array of {@code {"field": ..., "direction": "asc" | "desc"}};
     * an empty one asks for the default order.
     */
    public static ItemOrder fromBody(JsonNode sortby) {
        if (!sortby.isArray()) {
            throw StacProblem.badRequest("sortby must be an array of {\"field\", \"direction\"} objects");
        }
        List<SortKey> keys = new ArrayList<>();
        for (int index = 0; index < sortby.size(); index++) {
            JsonNode field = sortby.get(index).path("field");
            JsonNode direction = sortby.get(index).path("direction");
            if (!field.isTextual()) {
                throw StacProblem.badRequest("sortby[" + index + "].field must be the name of a field: " + FIELDS);
            }
            String way = direction.isMissingNode() ? "asc"
                    : direction.isTextual() ? direction.asText().toLowerCase(Locale.ROOT) : "";
            if (!way.equals("asc") && !way.equals("desc")) {
                throw StacProblem.badRequest("sortby[" + index + "].direction must be \"asc\" or \"desc\"");
            }
            keys.add(new SortKey(Sortable.named(field.asText()), way.equals("desc")));
        }
        return of(keys);
    }

    private static ItemOrder of(List<SortKey> keys) {
        if (keys.isEmpty()) {
            return BY_KEY;
        }
        if (keys.size() > MAX_FIELDS) {
            throw StacProblem.badRequest("sortby takes at most " + MAX_FIELDS + " fields, not " + keys.size());
        }
        Set<String> seen = new HashSet<>();
        for (SortKey key : keys) {
            if (!seen.add(key.by().name())) {
                throw StacProblem.badRequest("sortby names " + key.by().name() + " more than once");
            }
        }
        return new ItemOrder(List.copyOf(keys));
    }

    /** The keys, then collection and id where they are not keys, in the direction of the first. */
    private List<Column> columns() {
        List<Column> columns = new ArrayList<>(keys.stream().map(key -> new Column(key.by(), key.descending())).toList());
        boolean descending = keys.get(0).descending();
        for (Sortable tieBreaker : List.of(Sortable.COLLECTION, Sortable.ID)) {
            if (keys.stream().noneMatch(key -> key.by().equals(tieBreaker))) {
                columns.add(new Column(tieBreaker, descending));
            }
        }
        return columns;
    }

    /** Columns to add to a query's select list, named as {@link #orderBy()} orders them. */
    String selected() {
        List<Column> columns = columns();
        StringBuilder sql = new StringBuilder();
        for (int index = 0; index < columns.size(); index++) {
            sql.append(", ").append(columns.get(index).by().expression()).append(" as sort_key_").append(index);
        }
        return sql.toString();
    }

    /**
     * {@code order by} the columns that {@link #selected()} adds, so that it applies alike to a
     * query on {@code stac_item} and to one merging such queries.
     */
    String orderBy() {
        List<Column> columns = columns();
        List<String> terms = new ArrayList<>();
        for (int index = 0; index < columns.size(); index++) {
            terms.add("sort_key_" + index + (columns.get(index).descending() ? " desc" : ""));
        }
        return " order by " + String.join(", ", terms);
    }

    /**
     * Appends the condition that a row comes after {@code key} and binds its parts. All in one
     * direction, a comparison of rows, which an index in that order serves; in mixed directions,
     * each column decides where the ones before it are equal.
     */
    void appendAfter(List<String> key, StringBuilder sql, List<SqlParameter> parameters) {
        List<Column> columns = columns();
        if (columns.stream().allMatch(column -> column.descending() == columns.get(0).descending())) {
            sql.append("(").append(columns.stream().map(column -> column.by().expression()).collect(Collectors.joining(", ")))
                    .append(columns.get(0).descending() ? ") < (" : ") > (")
                    .append(columns.stream().map(ItemOrder::placeholder).collect(Collectors.joining(", "))).append(")");
            for (int part = 0; part < columns.size(); part++) {
                parameters.add(bound(columns.get(part).by().type(), key.get(part)));
            }
            return;
        }
        StringBuilder closing = new StringBuilder();
        for (int part = 0; part < columns.size(); part++) {
            Column column = columns.get(part);
            SqlParameter value = bound(column.by().type(), key.get(part));
            sql.append("(").append(column.by().expression()).append(column.descending() ? " < " : " > ")
                    .append(placeholder(column));
            parameters.add(value);
            if (part < columns.size() - 1) {
                sql.append(" or (").append(column.by().expression()).append(" = ").append(placeholder(column))
                        .append(" and ");
                parameters.add(value);
                closing.append("))");
            } else {
                sql.append(")");
            }
        }
        sql.append(closing);
    }

    private static String placeholder(Column column) {
        return switch (column.by().type()) {
            case TEXT -> "?";
            case TIME -> "cast(? as timestamptz)";
            case JSON -> "cast(? as jsonb)";
        };
    }

    /**
     * A time bound as a timestamp (PostgreSQL reads a year 0000 written as text as out of range;
     * the driver writes it as 1 BC), or the text {@code -infinity} of an item without one.
     */
    private static SqlParameter bound(KeyType type, String part) {
        if (type != KeyType.TIME || part.equals(NO_TIME)) {
            return text(part);
        }
        return (statement, index) -> statement.setObject(index, Instant.parse(part).atOffset(ZoneOffset.UTC));
    }

    /** The key of the row {@code result} is at, from the columns {@link #selected()} added after {@code before} others. */
    List<String> keyOf(ResultSet result, int before) throws SQLException {
        List<Column> columns = columns();
        List<String> key = new ArrayList<>();
        for (int index = 0; index < columns.size(); index++) {
            int column = before + index + 1;
            if (columns.get(index).by().type() == KeyType.TIME) {
                OffsetDateTime time = result.getObject(column, OffsetDateTime.class);
                key.add(time.equals(OffsetDateTime.MIN) ? NO_TIME : time.toInstant().toString());
            } else {
                key.add(result.getString(column));
            }
        }
        return key;
    }

    /** The {@code cursor} of a next page starting after {@code key}, which names this order. */
    public String cursor(List<String> key) {
        List<String> parts = new ArrayList<>(List.of(written()));
        parts.addAll(key);
        return Cursor.encode(parts.toArray(String[]::new));
    }

    /** The key of a {@code cursor} made for this order; 400 for one made for another or made up. */
    public List<String> keyOf(String cursor) {
        List<Column> columns = columns();
        List<String> parts = Cursor.decode(cursor, columns.size() + 1);
        if (!parts.get(0).equals(written())) {
            throw Cursor.invalid();
        }
        List<String> key = parts.subList(1, parts.size());
        for (int part = 0; part < key.size(); part++) {
            if (!readable(columns.get(part).by().type(), key.get(part))) {
                throw Cursor.invalid();
            }
        }
        return key;
    }

    private static boolean readable(KeyType type, String part) {
        try {
            switch (type) {
                case TIME -> {
                    if (!part.equals(NO_TIME)) {
                        Instant.parse(part);
                    }
                }
                case JSON -> {
                    JsonNode value = JSON.readTree(part);
                    return value != null && !value.isMissingNode();
                }
                case TEXT -> {
                }
            }
            return true;
        } catch (DateTimeParseException | JsonProcessingException notOurs) {
            return false;
        }
    }

    private String written() {
        return keys.stream().map(SortKey::written).collect(Collectors.joining(","));
    }

}
