package io.geoingest.status.stac.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.error.StacProblem;
import io.geoingest.status.stac.Rfc3339;
import io.geoingest.status.stac.SqlParameter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The STAC API filter extension: a CQL2 filter (basic CQL2 with LIKE, BETWEEN and IN, the
 * temporal and the spatial functions), in either encoding, made into a condition PostgreSQL
 * evaluates on the catalog's rows; the shapes of S_INTERSECTS joined to the rest by AND go to the
 * search's spatial filter, and spatial functions elsewhere (under OR or NOT) or other than
 * S_INTERSECTS are decided on each row the database lets through ({@link RowCondition}). A property names an
 * item's column where it has one ({@code id}, {@code collection}, the datetimes) and otherwise a
 * member of its {@code properties}, with or without the {@code properties.} prefix. A property
 * compares only with a value of its own JSON type: {@code eo:cloud_cover < 10} matches the items
 * whose cloud cover is a number below 10, and an item without it, or with a string there, matches
 * neither that condition nor its negation, as CQL2 has comparisons with a missing value unknown.
 * Anything the catalog cannot answer exactly is a 400 that says what is offered, never ignored.
 */
public final class CqlFilter {
    public static final String TEXT = "cql2-text";
    public static final String JSON = "cql2-json";
    /** The only CRS a STAC API's filter takes, and the default. */
    public static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    /** What a filter may use, for the API's descriptions and its errors. */
    public static final String OFFERED = "basic CQL2 (and, or, not, =, <>, <, <=, >, >=, isNull) with like, between"
            + " and in, comparing a property with a string, number, boolean, TIMESTAMP or DATE, the temporal functions"
            + " (t_after, t_intersects...) of properties, TIMESTAMP, DATE and INTERVAL, and the spatial functions"
            + " (s_intersects, s_within, s_contains, s_disjoint, s_equals, s_touches, s_crosses, s_overlaps) of"
            + " geometry and a shape, and the array functions (a_contains, a_containedby, a_equals, a_overlaps) of a"
            + " property and a list, with casei for case-insensitive comparisons of strings";
    /** CQL2's spatial functions, each with the one it is when its operands change places. */
    private static final Map<String, String> SPATIAL = Map.of("s_intersects", "s_intersects", "s_equals", "s_equals",
            "s_disjoint", "s_disjoint", "s_touches", "s_touches", "s_within", "s_contains", "s_contains", "s_within",
            "s_overlaps", "s_overlaps", "s_crosses", "s_crosses");
    /** The names of the spatial functions, in lower case, as CQL2-JSON writes them. */
    public static final Set<String> SPATIAL_FUNCTIONS = SPATIAL.keySet();
    /**
     * CQL2's array functions on a property that holds a JSON array ({@code held}) and a list of
     * values ({@code listed}), both taken as sets (CQL2, array predicates: no order, no
     * duplicates), as PostgreSQL's jsonb containment compares them: the same items, containment
     * either way, or an item in common.
     */
    private static final Map<String, String> ARRAY = Map.of(
            "a_equals", "held @> listed and held <@ listed",
            "a_contains", "held @> listed",
            "a_containedby", "held <@ listed",
            "a_overlaps", "exists (select from jsonb_array_elements(held) item where listed @> jsonb_build_array(item))");
    /** Each array function with the list first and the property second, as the one it is with them turned round. */
    private static final Map<String, String> ARRAY_TURNED = Map.of("a_equals", "a_equals", "a_contains",
            "a_containedby", "a_containedby", "a_contains", "a_overlaps", "a_overlaps");
    /** The names of the array functions, in lower case, as CQL2-JSON writes them. */
    public static final Set<String> ARRAY_FUNCTIONS = ARRAY.keySet();
    /**
     * CQL2's temporal functions, each as a condition on the start and end of its first operand
     * ({@code as}, {@code ae}) and of its second ({@code bs}, {@code be}); an instant starts and
     * ends at once (CQL2, Temporal functions, after Allen's interval relations).
     */
    private static final Map<String, String> TEMPORAL = Map.ofEntries(
            Map.entry("t_after", "{as} > {be}"),
            Map.entry("t_before", "{ae} < {bs}"),
            Map.entry("t_contains", "{as} < {bs} and {ae} > {be}"),
            Map.entry("t_disjoint", "({ae} < {bs} or {as} > {be})"),
            Map.entry("t_during", "{as} > {bs} and {ae} < {be}"),
            Map.entry("t_equals", "{as} = {bs} and {ae} = {be}"),
            Map.entry("t_finishedby", "{as} < {bs} and {ae} = {be}"),
            Map.entry("t_finishes", "{as} > {bs} and {ae} = {be}"),
            Map.entry("t_intersects", "{as} <= {be} and {ae} >= {bs}"),
            Map.entry("t_meets", "{ae} = {bs}"),
            Map.entry("t_metby", "{as} = {be}"),
            Map.entry("t_overlappedby", "{as} > {bs} and {as} < {be} and {ae} > {be}"),
            Map.entry("t_overlaps", "{as} < {bs} and {ae} > {bs} and {ae} < {be}"),
            Map.entry("t_startedby", "{as} = {bs} and {ae} > {be}"),
            Map.entry("t_starts", "{as} = {bs} and {ae} < {be}"));
    /** The names of the temporal functions, in lower case, as CQL2-JSON writes them. */
    public static final Set<String> TEMPORAL_FUNCTIONS = TEMPORAL.keySet();
    private static final Pattern ENDPOINT = Pattern.compile("\\{(as|ae|bs|be)}");
    /** An item's own time: the span it covers, or its instant. */
    private static final String ITEM_PERIOD = "stac_item_period(i.datetime, i.start_datetime, i.end_datetime)";
    private static final int MAX_DEPTH = 100;
    /** The digits PostgreSQL's numeric holds before and after the decimal point. */
    private static final int MAX_INTEGER_DIGITS = 131_072;
    private static final int MAX_FRACTION_DIGITS = 16_383;
    private static final Pattern FULL_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** Conditions and values in one filter: beyond any a person writes, and a bound on the statement. */
    private static final int MAX_TERMS = 1000;
    private static final Map<String, Column> COLUMNS = Map.of(
            "id", new Column("i.id", Type.STRING),
            "collection", new Column("i.collection_id", Type.STRING),
            "datetime", new Column("i.datetime", Type.TIMESTAMP),
            "start_datetime", new Column("i.start_datetime", Type.TIMESTAMP),
            "end_datetime", new Column("i.end_datetime", Type.TIMESTAMP),
            "created", new Column("i.created_at", Type.TIMESTAMP),
            "updated", new Column("i.updated_at", Type.TIMESTAMP));
    /** Members of an item that are no property to compare; geometry has bbox and intersects. */
    private static final Set<String> NOT_QUERYABLE = Set.of("geometry", "bbox", "assets", "links", "type",
            "stac_version", "stac_extensions");
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", "<=", ">", ">=");
    private static final Map<String, String> FLIPPED = Map.of("=", "=", "<>", "<>", "<", ">", "<=", ">=", ">", "<",
            ">=", "<=");

    /** The JSON types a filter compares, each with its SQL type and how the catalog reads it from a property. */
    enum Type {
        STRING("a string", "text", "stac_text(%s)"),
        NUMBER("a number", "numeric", "stac_number(%s)"),
        BOOLEAN("a boolean", "boolean", "stac_boolean(%s)"),
        TIMESTAMP("a timestamp", "timestamptz", "stac_timestamp(%s)"),
        DATE("a date", "date", "cast(stac_timestamp(%s) at time zone 'UTC' as date)");

        final String described;
        final String sqlType;
        final String fromProperty;

        Type(String described, String sqlType, String fromProperty) {
            this.described = described;
            this.sqlType = sqlType;
            this.fromProperty = fromProperty;
        }
    }

    private record Column(String sql, Type type) {
    }

    private sealed interface Operand permits Property, Literal {
    }

    /**
     * A property: an item's column, or else a member of its properties ({@code key}); compared
     * in lower case when {@code caseFolded} (CASEI).
     */
    private record Property(String name, Optional<Column> column, boolean caseFolded) implements Operand {
        Property(String name, Optional<Column> column) {
            this(name, column, false);
        }
    }

    /** A value; a string compared in lower case when {@code caseFolded} (CASEI). */
    private record Literal(Type type, Object value, boolean caseFolded) implements Operand {
        Literal(Type type, Object value) {
            this(type, value, false);
        }

        SqlParameter parameter() {
            return (statement, index) -> statement.setObject(index, value);
        }
    }

    private final StringBuilder sql = new StringBuilder();
    private final List<SqlParameter> parameters = new ArrayList<>();
    private final List<JsonNode> intersecting = new ArrayList<>();
    private final List<FilterCondition.Selected> selected = new ArrayList<>();
    /** The conditions decided per row, each of which must hold. */
    private final List<RowCondition> perRow = new ArrayList<>();
    private int terms;

    private CqlFilter() {
    }

    /**
     * The filter of a GET: {@code filter-lang} defaults to cql2-text; and the query extension's
     * {@code query} (JSON), which must hold as well.
     *
     * @return empty when neither is given
     */
    public static Optional<FilterCondition> fromQuery(String filter, String lang, String crs, String query,
            ObjectMapper json) {
        requireCrs(crs);
        Optional<JsonNode> condition = filter == null ? Optional.empty() : Optional.of(switch (language(lang, TEXT)) {
            case TEXT -> CqlText.parse(filter);
            default -> readJson(filter, json, "filter: not CQL2-JSON");
        });
        Optional<JsonNode> queried = Optional.ofNullable(query)
                .map(text -> QueryExtension.toCql(readJson(text, json, "query: not JSON")));
        return both(condition, queried).map(CqlFilter::compile);
    }

    /**
     * The filter of a POST search: {@code filter-lang} defaults to cql2-json; cql2-text comes as a
     * string; and the query extension's {@code query}, which must hold as well.
     *
     * @return empty when neither is given
     */
    public static Optional<FilterCondition> fromBody(ObjectNode body) {
        requireCrs(textField(body, "filter-crs"));
        String lang = language(textField(body, "filter-lang"), JSON);
        JsonNode filter = body.get("filter");
        Optional<JsonNode> condition = Optional.empty();
        if (filter != null && !filter.isNull()) {
            if (lang.equals(TEXT) && !filter.isTextual()) {
                throw StacProblem.badRequest("filter: with filter-lang cql2-text the filter is a string");
            }
            condition = Optional.of(lang.equals(TEXT) ? CqlText.parse(filter.asText()) : filter);
        }
        Optional<JsonNode> queried = Optional.ofNullable(body.get("query")).filter(query -> !query.isNull())
                .map(QueryExtension::toCql);
        return both(condition, queried).map(CqlFilter::compile);
    }

    private static Optional<JsonNode> both(Optional<JsonNode> filter, Optional<JsonNode> query) {
        if (filter.isPresent() && query.isPresent()) {
            ObjectNode and = JsonNodeFactory.instance.objectNode().put("op", "and");
            and.putArray("args").add(filter.get()).add(query.get());
            return Optional.of(and);
        }
        return filter.or(() -> query);
    }

    /** The condition a CQL2-JSON filter stands for. */
    public static FilterCondition compile(JsonNode filter) {
        CqlFilter compiler = new CqlFilter();
        compiler.condition(filter, 0, true);
        Optional<RowCondition> perRow = compiler.perRow.isEmpty() ? Optional.empty()
                : Optional.of(compiler.perRow.size() == 1 ? compiler.perRow.get(0) : new RowCondition.And(compiler.perRow));
        return new FilterCondition(compiler.sql.toString(), compiler.parameters, compiler.intersecting,
                compiler.selected, perRow);
    }

    private static String language(String given, String byDefault) {
        if (given == null) {
            return byDefault;
        }
        if (!given.equals(TEXT) && !given.equals(JSON)) {
            throw StacProblem.badRequest("filter-lang must be " + TEXT + " or " + JSON + ", not '" + given + "'");
        }
        return given;
    }

    private static void requireCrs(String crs) {
        if (crs != null && !crs.equals(CRS84)) {
            throw StacProblem.badRequest("filter-crs must be " + CRS84 + " (the default), not '" + crs + "'");
        }
    }

    private static String textField(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw StacProblem.badRequest(field + " must be a string");
        }
        return value.asText();
    }

    private static JsonNode readJson(String text, ObjectMapper json, String notJson) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw StacProblem.badRequest(notJson + " (" + e.getOriginalMessage() + ")");
        }
    }

    /** @param conjunct whether the whole filter holds only where this condition does (joined to the rest by and alone) */
    private void condition(JsonNode node, int depth, boolean conjunct) {
        count();
        checkDepth(depth);
        if (node != null && node.isBoolean()) {
            sql.append(node.booleanValue());
            return;
        }
        if (node == null || !node.isObject() || !node.path("op").isTextual()) {
            throw problem("a condition is an object with \"op\" and \"args\", or true or false; not " + quote(node));
        }
        String op = node.get("op").asText();
        JsonNode args = node.path("args");
        if (!args.isArray()) {
            throw problem("\"" + op + "\" takes its operands in an array \"args\"");
        }
        String name = op.toLowerCase(Locale.ROOT);
        if (!name.equals("and") && mentionsSpatial(node)) {
            // conjunct here: a spatial function under or or not is reached through this or or not
            spatialCondition(node, name, args, depth);
            return;
        }
        switch (name) {
            case "and" -> logical("and", args, depth, conjunct);
            case "or" -> logical("or", args, depth, false);
            case "not" -> {
                requireCount(op, args, 1);
                sql.append("not (");
                condition(args.get(0), depth + 1, false);
                sql.append(")");
            }
            case "isnull" -> isNull(args);
            case "like" -> like(args);
            case "between" -> between(args);
            case "in" -> in(args);
            case "a_equals", "a_contains", "a_containedby", "a_overlaps" -> array(name, args);
            default -> {
                String function = op.toLowerCase(Locale.ROOT);
                if (TEMPORAL.containsKey(function)) {
                    temporal(function, args);
                    return;
                }
                if (!COMPARISONS.contains(op)) {
                    throw problem("\"" + op + "\" is not supported; this API offers " + OFFERED
                            + " (bbox or intersects for space)");
                }
                comparison(op, args);
            }
        }
    }

    private void logical(String op, JsonNode args, int depth, boolean conjunct) {
        if (args.isEmpty()) {
            throw problem("\"" + op + "\" takes at least one condition");
        }
        sql.append("(");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sql.append(' ').append(op).append(' ');
            }
            condition(args.get(i), depth + 1, conjunct);
        }
        sql.append(")");
    }

    /**
     * A condition that holds only where every spatial function in it does: a spatial function
     * joined to the rest by and, or an or or a not of some. {@code s_intersects} joined by and is
     * the search's spatial filter (boxes on the index, then JTS); any other is decided on each row
     * the database lets through, and a function that holds only where the shapes meet adds its
     * shape to the spatial filter too, so that the index still narrows the search.
     */
    private void spatialCondition(JsonNode node, String name, JsonNode args, int depth) {
        if (!SPATIAL.containsKey(name)) {
            relaxed(node, true, depth);
            perRow.add(decided(node, depth));
            return;
        }
        RowCondition.Spatial spatial = spatial(name, args);
        count();
        if (!spatial.function().equals("s_disjoint")) {
            intersecting.add(spatial.shape());
        }
        if (!spatial.function().equals("s_intersects")) {
            perRow.add(spatial);
        }
        sql.append("true");
    }

    /**
     * The condition as the database can decide it, letting through every row where it may hold:
     * a spatial function is true where the condition holds the more for it (false under an odd
     * number of nots), so the rows the exact condition keeps are among those let through.
     */
    private void relaxed(JsonNode node, boolean holdsForTrue, int depth) {
        if (!mentionsSpatial(node)) {
            condition(node, depth, false);
            return;
        }
        checkDepth(depth);
        String name = node.get("op").asText().toLowerCase(Locale.ROOT);
        JsonNode args = node.path("args");
        switch (name) {
            case "and", "or" -> {
                sql.append("(");
                for (int i = 0; i < args.size(); i++) {
                    sql.append(i > 0 ? " " + name + " " : "");
                    relaxed(args.get(i), holdsForTrue, depth + 1);
                }
                sql.append(")");
            }
            case "not" -> {
                requireCount(name, args, 1);
                sql.append("not (");
                relaxed(args.get(0), !holdsForTrue, depth + 1);
                sql.append(")");
            }
            default -> {
                spatial(name, args);
                count();
                sql.append(holdsForTrue);
            }
        }
    }

    /** The condition as decided on each row: its parts without spatial functions come from the database. */
    private RowCondition decided(JsonNode node, int depth) {
        if (!mentionsSpatial(node)) {
            CqlFilter part = new CqlFilter();
            part.terms = terms;
            part.condition(node, depth, false);
            terms = part.terms;
            selected.add(new FilterCondition.Selected(part.sql.toString(), part.parameters));
            return new RowCondition.Selected(selected.size() - 1);
        }
        String name = node.get("op").asText().toLowerCase(Locale.ROOT);
        JsonNode args = node.path("args");
        if (SPATIAL.containsKey(name)) {
            return spatial(name, args);
        }
        List<RowCondition> parts = new ArrayList<>();
        args.forEach(arg -> parts.add(decided(arg, depth + 1)));
        return switch (name) {
            case "and" -> new RowCondition.And(parts);
            case "or" -> new RowCondition.Or(parts);
            default -> new RowCondition.Not(parts.get(0));
        };
    }

    /** Whether a spatial function is in the condition, which is checked as it is compiled. */
    private static boolean mentionsSpatial(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("op").isTextual()) {
            return false;
        }
        if (SPATIAL.containsKey(node.path("op").asText().toLowerCase(Locale.ROOT))) {
            return true;
        }
        for (JsonNode arg : node.path("args")) {
            if (mentionsSpatial(arg)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A spatial function of the items' geometry and a geometry or bbox, in either order: with
     * the shape first, the function that says the same of the geometry first
     * ({@code s_within(shape, geometry)} is {@code s_contains(geometry, shape)}).
     */
    private static RowCondition.Spatial spatial(String function, JsonNode args) {
        requireCount(function, args, 2);
        boolean geometryFirst = isGeometry(args.get(0));
        if (!geometryFirst && !isGeometry(args.get(1))) {
            throw problem(function + " relates the items' geometry ({\"property\": \"geometry\"}) with a shape, not "
                    + quote(args.get(0)) + " and " + quote(args.get(1)));
        }
        JsonNode shape = args.get(geometryFirst ? 1 : 0);
        if (!shape.isObject() || !(shape.has("bbox") || shape.has("type"))) {
            throw problem(function + " takes a GeoJSON geometry or {\"bbox\": [minx, miny, maxx, maxy]}, not "
                    + quote(shape));
        }
        return new RowCondition.Spatial(geometryFirst ? function : SPATIAL.get(function), shape);
    }

    private static boolean isGeometry(JsonNode operand) {
        String name = operand.path("property").asText();
        return name.equals("geometry") || name.equals("properties.geometry");
    }

    /** A start or an end of a temporal operand: SQL of a timestamptz, with the parameters it binds. */
    private record Endpoint(String sql, List<SqlParameter> parameters) {
        static Endpoint of(OffsetDateTime time) {
            return new Endpoint("cast(? as timestamptz)", List.of((statement, index) -> statement.setObject(index, time)));
        }

        static Endpoint column(String sql) {
            return new Endpoint(sql, List.of());
        }
    }

    /** The time a temporal operand stands for, from its start to its end. */
    private record Period(Endpoint start, Endpoint end) {
    }

    private void temporal(String function, JsonNode args) {
        requireCount(function, args, 2);
        Map<String, Endpoint> endpoints = new HashMap<>();
        Period first = period(args.get(0), function);
        Period second = period(args.get(1), function);
        endpoints.put("as", first.start());
        endpoints.put("ae", first.end());
        endpoints.put("bs", second.start());
        endpoints.put("be", second.end());
        sql.append("(");
        Matcher endpoint = ENDPOINT.matcher(TEMPORAL.get(function));
        int at = 0;
        while (endpoint.find()) {
            sql.append(TEMPORAL.get(function), at, endpoint.start());
            Endpoint used = endpoints.get(endpoint.group(1));
            sql.append(used.sql());
            parameters.addAll(used.parameters());
            at = endpoint.end();
        }
        sql.append(TEMPORAL.get(function).substring(at)).append(")");
    }

    /**
     * A temporal operand: a property of time ({@code datetime} is the item's time, the span it
     * covers when it has one), TIMESTAMP, DATE (the whole day) or INTERVAL of those or of strings
     * ({@code ".."} for an open end).
     */
    private Period period(JsonNode node, String function) {
        count();
        if (node != null && node.isObject() && node.has("interval")) {
            JsonNode ends = node.get("interval");
            if (!ends.isArray() || ends.size() != 2) {
                throw problem("an interval is {\"interval\": [start, end]}, not " + quote(node));
            }
            return new Period(intervalEnd(ends.get(0), true, function), intervalEnd(ends.get(1), false, function));
        }
        Operand operand = operand(node);
        if (operand instanceof Property property) {
            if (property.name().equals("datetime")) {
                return new Period(Endpoint.column("lower(" + ITEM_PERIOD + ")"), Endpoint.column("upper(" + ITEM_PERIOD + ")"));
            }
            Endpoint instant = instant(property, function);
            return new Period(instant, instant);
        }
        Literal literal = (Literal) operand;
        return switch (literal.type()) {
            case TIMESTAMP -> new Period(Endpoint.of((OffsetDateTime) literal.value()), Endpoint.of((OffsetDateTime) literal.value()));
            case DATE -> new Period(dayStart((LocalDate) literal.value()), dayEnd((LocalDate) literal.value()));
            case STRING -> ofText((String) literal.value(), function);
            default -> throw problem("\"" + function + "\" compares times: properties, TIMESTAMP, DATE or INTERVAL,"
                    + " not " + literal.type().described);
        };
    }

    /** An end of an interval; a date is its day's start at the start, and its day's end at the end. */
    private Endpoint intervalEnd(JsonNode node, boolean start, String function) {
        if (node != null && node.isTextual() && node.asText().equals("..")) {
            return Endpoint.column(start ? "cast('-infinity' as timestamptz)" : "cast('infinity' as timestamptz)");
        }
        Period period = period(node, function);
        return start ? period.start() : period.end();
    }

    /** A property read as an instant: a column of time, or a member of properties read as a timestamp. */
    private Endpoint instant(Property property, String function) {
        if (property.column().isEmpty()) {
            return new Endpoint(Type.TIMESTAMP.fromProperty.formatted("i.properties -> ?"),
                    List.of(SqlParameter.text(property.name())));
        }
        Column column = property.column().get();
        if (column.type() != Type.TIMESTAMP) {
            throw problem("\"" + function + "\" compares times, and " + property.name() + " is "
                    + column.type().described);
        }
        return Endpoint.column(column.sql());
    }

    /** A string where a time belongs: an RFC 3339 date-time, or a date (the whole day). */
    private static Period ofText(String text, String function) {
        Optional<OffsetDateTime> time = Rfc3339.parse(text).map(instant -> instant.atOffset(ZoneOffset.UTC));
        if (time.isPresent()) {
            return new Period(Endpoint.of(time.get()), Endpoint.of(time.get()));
        }
        try {
            LocalDate day = fullDate(text);
            return new Period(dayStart(day), dayEnd(day));
        } catch (DateTimeParseException e) {
            throw problem("\"" + function + "\" takes times such as '2024-05-01T10:00:00Z' or '2024-05-01', or '..' for"
                    + " an open end of an interval, not '" + text + "'");
        }
    }

    /**
     * A date as RFC 3339's full-date writes one: Java's ISO parser also reads years of five digits
     * and more, beyond the times the catalog keeps.
     */
    private static LocalDate fullDate(String text) {
        if (!FULL_DATE.matcher(text).matches()) {
            throw new DateTimeParseException("not a full-date", text, 0);
        }
        return LocalDate.parse(text);
    }

    private static Endpoint dayStart(LocalDate day) {
        return Endpoint.of(day.atStartOfDay().atOffset(ZoneOffset.UTC));
    }

    /** The last microsecond of the day, the finest time the catalog keeps. */
    private static Endpoint dayEnd(LocalDate day) {
        return Endpoint.of(day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC).minusNanos(1000));
    }

    private void comparison(String op, JsonNode args) {
        requireCount(op, args, 2);
        Operand left = operand(args.get(0));
        Operand right = operand(args.get(1));
        if (left instanceof Literal literal && right instanceof Property property) {
            compare(property, FLIPPED.get(op), literal);
        } else if (left instanceof Property property && right instanceof Literal literal) {
            compare(property, op, literal);
        } else {
            throw problem("\"" + op + "\" compares a property with a value (" + OFFERED + ")");
        }
    }

    private void compare(Property property, String op, Literal value) {
        Literal literal = asTypeOf(property, value);
        value(property, literal.type());
        sql.append(' ').append(op).append(' ');
        literal(literal);
    }

    private void like(JsonNode args) {
        requireCount("like", args, 2);
        Property property = property(args.get(0), "like");
        Literal pattern = literalOperand(args.get(1), "like");
        if (pattern.type() != Type.STRING) {
            throw problem("\"like\" takes a string pattern, not " + pattern.type().described);
        }
        if (endsInEscape((String) pattern.value())) {
            throw problem("the LIKE pattern '" + pattern.value() + "' ends in the escape character \\, which escapes"
                    + " the character after it; write \\\\ for a backslash");
        }
        value(property, Type.STRING);
        sql.append(" like ");
        literal(pattern);
    }

    /** Whether the pattern's last backslash escapes nothing (a backslash is escaped by another). */
    private static boolean endsInEscape(String pattern) {
        int backslashes = 0;
        for (int i = pattern.length() - 1; i >= 0 && pattern.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private void between(JsonNode args) {
        requireCount("between", args, 3);
        Property property = property(args.get(0), "between");
        Literal low = asTypeOf(property, literalOperand(args.get(1), "between"));
        Literal high = asTypeOf(property, literalOperand(args.get(2), "between"));
        if (low.type() != high.type()) {
            throw problem("\"between\" takes two values of one type, not " + low.type().described + " and "
                    + high.type().described);
        }
        value(property, low.type());
        sql.append(" between ");
        literal(low);
        sql.append(" and ");
        literal(high);
    }

    private void in(JsonNode args) {
        requireCount("in", args, 2);
        Property property = property(args.get(0), "in");
        JsonNode list = args.get(1);
        if (!list.isArray() || list.isEmpty()) {
            throw problem("\"in\" takes a property and a non-empty array of values");
        }
        List<Literal> values = new ArrayList<>();
        for (JsonNode item : list) {
            Literal value = asTypeOf(property, literalOperand(item, "in"));
            if (!values.isEmpty() && values.get(0).type() != value.type()) {
                throw problem("\"in\" takes values of one type, not " + values.get(0).type().described + " and "
                        + value.type().described);
            }
            values.add(value);
        }
        value(property, values.get(0).type());
        sql.append(" in (");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sql.append(", ");
            }
            literal(values.get(i));
        }
        sql.append(")");
    }

    /**
     * An array function of a member of properties and a list of values (strings, numbers,
     * booleans), in either order; a property that holds no array leaves it unknown.
     */
    private void array(String function, JsonNode args) {
        requireCount(function, args, 2);
        boolean propertyFirst = args.get(0).has("property");
        Property property = property(args.get(propertyFirst ? 0 : 1), function);
        JsonNode list = args.get(propertyFirst ? 1 : 0);
        if (!list.isArray()) {
            throw problem("\"" + function + "\" relates an array property with a list of values, not with " + quote(list));
        }
        if (property.column().isPresent()) {
            throw problem(property.name() + " holds no array: \"" + function + "\" applies to properties that hold one");
        }
        for (JsonNode item : list) {
            count();
            if (!(item.isTextual() || item.isNumber() || item.isBoolean())) {
                throw problem("\"" + function + "\" takes lists of strings, numbers and booleans, not " + quote(item));
            }
        }
        String condition = ARRAY.get(propertyFirst ? function : ARRAY_TURNED.get(function));
        sql.append("(case when jsonb_typeof(i.properties -> ?) = 'array' then (select ").append(condition)
                .append(" from (select i.properties -> ? as held, cast(? as jsonb) as listed) operands) end)");
        parameters.add(SqlParameter.text(property.name()));
        parameters.add(SqlParameter.text(property.name()));
        parameters.add(SqlParameter.text(list.toString()));
    }

    private void isNull(JsonNode args) {
        requireCount("isNull", args, 1);
        Property property = property(args.get(0), "isNull");
        if (property.column().isPresent()) {
            sql.append(property.column().get().sql()).append(" is null");
            return;
        }
        sql.append("coalesce(jsonb_typeof(i.properties -> ?), 'null') = 'null'");
        parameters.add(SqlParameter.text(property.name()));
    }

    /** The property read as {@code type}, which its column must be; a member of properties of another type reads as null. */
    private void value(Property property, Type type) {
        if (property.caseFolded()) {
            if (type != Type.STRING) {
                throw problem("casei compares strings, and " + property.name() + " is compared with " + type.described);
            }
            sql.append("lower(");
            value(new Property(property.name(), property.column()), type);
            sql.append(")");
            return;
        }
        if (property.column().isEmpty()) {
            sql.append(type.fromProperty.formatted("i.properties -> ?"));
            parameters.add(SqlParameter.text(property.name()));
            return;
        }
        Column column = property.column().get();
        if (column.type() == type) {
            sql.append(column.sql());
        } else if (column.type() == Type.TIMESTAMP && type == Type.DATE) {
            sql.append("cast(").append(column.sql()).append(" at time zone 'UTC' as date)");
        } else {
            throw problem(property.name() + " is " + column.type().described + ", not comparable with "
                    + type.described);
        }
    }

    private void literal(Literal literal) {
        sql.append(literal.caseFolded() ? "lower(cast(? as " : "cast(? as ").append(literal.type().sqlType)
                .append(literal.caseFolded() ? "))" : ")");
        parameters.add(literal.parameter());
    }

    /**
     * A string compared with a datetime column is read as the RFC 3339 time it must be, as clients
     * often leave out TIMESTAMP(); any other value keeps its type.
     */
    private Literal asTypeOf(Property property, Literal value) {
        boolean timeColumn = property.column().map(column -> column.type() == Type.TIMESTAMP).orElse(false);
        if (!timeColumn || value.type() != Type.STRING) {
            return value;
        }
        String text = (String) value.value();
        return Rfc3339.parse(text).map(time -> new Literal(Type.TIMESTAMP, time.atOffset(ZoneOffset.UTC)))
                .orElseThrow(() -> problem(property.name() + " is a timestamp: compare it with TIMESTAMP('2024-05-01T10:00:00Z'),"
                        + " not '" + text + "'"));
    }

    private Operand operand(JsonNode node) {
        count();
        if (node != null && node.isObject() && node.has("property")) {
            return property(node);
        }
        if (node != null && node.isObject() && node.has("casei")) {
            return caseFolded(operand(node.get("casei")));
        }
        return literal(node);
    }

    /** CASEI of a property or a string: compared in lower case, as CQL2's case-insensitive comparison. */
    private static Operand caseFolded(Operand operand) {
        if (operand instanceof Property property) {
            return new Property(property.name(), property.column(), true);
        }
        Literal literal = (Literal) operand;
        if (literal.type() != Type.STRING) {
            throw problem("casei takes a property or a string, not " + literal.type().described);
        }
        return new Literal(Type.STRING, literal.value(), true);
    }

    private Property property(JsonNode node, String op) {
        Operand operand = operand(node);
        if (operand instanceof Property property) {
            return property;
        }
        throw problem("\"" + op + "\" applies to a property ({\"property\": \"name\"}) first, not a value");
    }

    private Literal literalOperand(JsonNode node, String op) {
        Operand operand = operand(node);
        if (operand instanceof Literal literal) {
            return literal;
        }
        throw problem("\"" + op + "\" compares a property with values, not with another property");
    }

    private Property property(JsonNode node) {
        JsonNode name = node.get("property");
        if (!name.isTextual() || name.asText().isBlank()) {
            throw problem("a property is named by a non-empty string: " + quote(node));
        }
        String unprefixed = name.asText().startsWith("properties.") ? name.asText().substring("properties.".length())
                : name.asText();
        if (NOT_QUERYABLE.contains(unprefixed)) {
            throw problem(unprefixed + " is not queryable in a filter" + (unprefixed.equals("geometry")
                    ? "; use bbox or intersects" : ""));
        }
        return new Property(unprefixed, Optional.ofNullable(COLUMNS.get(unprefixed)));
    }

    private Literal literal(JsonNode node) {
        if (node == null || node.isNull()) {
            throw problem("null is no value to compare with; use isNull");
        }
        if (node.isTextual()) {
            return new Literal(Type.STRING, node.asText());
        }
        if (node.isNumber()) {
            // a double read from JSON as the decimal it was written as, not its binary expansion
            if (node.isFloatingPointNumber() && !node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
                throw problem("the number " + quote(node) + " is beyond the numbers a filter compares");
            }
            BigDecimal number = node.isFloatingPointNumber() && !node.isBigDecimal()
                    ? BigDecimal.valueOf(node.doubleValue()) : node.decimalValue();
            if (number.precision() - number.scale() > MAX_INTEGER_DIGITS || number.scale() > MAX_FRACTION_DIGITS) {
                throw problem("the number " + quote(node) + " is beyond the numbers a filter compares");
            }
            return new Literal(Type.NUMBER, number);
        }
        if (node.isBoolean()) {
            return new Literal(Type.BOOLEAN, node.booleanValue());
        }
        if (node.isObject() && node.path("timestamp").isTextual()) {
            String text = node.get("timestamp").asText();
            return new Literal(Type.TIMESTAMP, Rfc3339.parse(text).map(time -> time.atOffset(ZoneOffset.UTC))
                    .orElseThrow(() -> problem("TIMESTAMP takes an RFC 3339 date-time such as 2024-05-01T10:00:00Z,"
                            + " not '" + text + "'")));
        }
        if (node.isObject() && node.path("date").isTextual()) {
            String text = node.get("date").asText();
            try {
                return new Literal(Type.DATE, fullDate(text));
            } catch (DateTimeParseException e) {
                throw problem("DATE takes a date such as 2024-05-01, not '" + text + "'");
            }
        }
        if (node.isObject() && node.has("op")) {
            throw problem("\"" + node.path("op").asText() + "\" is no value: functions and arithmetic are not"
                    + " supported; this API offers " + OFFERED);
        }
        throw problem(quote(node) + " is no value this API compares (" + OFFERED + ")");
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw problem("conditions nest deeper than " + MAX_DEPTH + " levels");
        }
    }

    private void count() {
        if (++terms > MAX_TERMS) {
            throw problem("more than " + MAX_TERMS + " conditions and values");
        }
    }

    private static void requireCount(String op, JsonNode args, int count) {
        if (args.size() != count) {
            throw problem("\"" + op + "\" takes " + count + " operand" + (count == 1 ? "" : "s") + ", not "
                    + args.size());
        }
    }

    private static String quote(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }

    private static StacProblem problem(String description) {
        return StacProblem.badRequest("filter: " + description);
    }
}
