package io.geoingest.cli.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The filters of a search as the user typed them, checked here so that a typo is a usage error
 * before anything is sent, and turned into the body of STAC's {@code POST /search}.
 */
public record SearchQuery(Optional<double[]> bbox, Optional<String> datetime, List<String> collections,
        List<Sort> sortby, Optional<String> filter) {
    /** The most items one page of the API holds. */
    public static final int LARGEST_PAGE = 1000;
    static final String BBOX_FORMAT = "--bbox must be minx,miny,maxx,maxy in degrees, e.g. 5.9,45.8,10.5,47.8";
    static final String DATETIME_FORMAT = "--datetime must be an RFC 3339 date-time such as 2024-05-01T10:30:00Z,"
            + " or an interval START/END with '..' for an open end, e.g. 2024-01-01T00:00:00Z/..";
    static final String SORTBY_FORMAT = "--sortby must be fields separated by commas, each after - for descending"
            + " order, e.g. --sortby=eo:cloud_cover,-datetime";

    /** A field of the order of the results, which the server checks, ascending or descending. */
    public record Sort(String field, boolean descending) {
    }

    public SearchQuery {
        collections = List.copyOf(collections);
        sortby = List.copyOf(sortby);
    }

    /** @throws IllegalArgumentException with the usage message when a filter is malformed */
    public static SearchQuery of(Optional<String> bbox, Optional<String> datetime, List<String> collections,
            Optional<String> sortby, Optional<String> filter) {
        if (filter.isPresent() && filter.get().isBlank()) {
            throw new IllegalArgumentException("--filter must be a CQL2 condition, e.g. \"eo:cloud_cover < 10\"");
        }
        return new SearchQuery(bbox.map(SearchQuery::parseBbox), datetime.map(SearchQuery::checkDatetime),
                collections.stream().map(String::trim).filter(id -> !id.isEmpty()).distinct().toList(),
                sortby.map(SearchQuery::parseSort).orElse(List.of()), filter.map(String::trim));
    }

    /** Fields separated by commas, each {@code -field} (descending), {@code +field} or {@code field} (ascending). */
    static List<Sort> parseSort(String text) {
        List<Sort> fields = new ArrayList<>();
        for (String written : text.split(",", -1)) {
            String trimmed = written.trim();
            boolean descending = trimmed.startsWith("-");
            String field = trimmed.startsWith("-") || trimmed.startsWith("+") ? trimmed.substring(1).trim() : trimmed;
            if (field.isEmpty() || field.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(SORTBY_FORMAT);
            }
            fields.add(new Sort(field, descending));
        }
        return fields;
    }

    static double[] parseBbox(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException(BBOX_FORMAT);
        }
        double[] values = new double[4];
        try {
            for (int i = 0; i < 4; i++) {
                values[i] = Double.parseDouble(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(BBOX_FORMAT);
        }
        for (int i = 0; i < 4; i++) {
            double limit = i % 2 == 0 ? 180 : 90;
            if (!Double.isFinite(values[i]) || Math.abs(values[i]) > limit) {
                throw new IllegalArgumentException(
                        "--bbox must lie within longitude -180 to 180 and latitude -90 to 90, got " + text);
            }
        }
        if (values[1] > values[3]) {
            throw new IllegalArgumentException("--bbox miny must not be greater than maxy, got " + text);
        }
        return values;
    }

    /** An instant, or an interval of two instants, either open ({@code ..} or empty) but not both. */
    static String checkDatetime(String text) {
        String trimmed = text.trim();
        String[] ends = trimmed.split("/", -1);
        if (ends.length > 2 || trimmed.isEmpty()) {
            throw new IllegalArgumentException(DATETIME_FORMAT);
        }
        if (ends.length == 1) {
            instant(ends[0]);
            return trimmed;
        }
        Optional<OffsetDateTime> start = open(ends[0]) ? Optional.empty() : Optional.of(instant(ends[0]));
        Optional<OffsetDateTime> end = open(ends[1]) ? Optional.empty() : Optional.of(instant(ends[1]));
        if (start.isEmpty() && end.isEmpty()) {
            throw new IllegalArgumentException("--datetime interval needs at least one end that is not open");
        }
        if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
            throw new IllegalArgumentException("--datetime interval ends before it starts: " + text);
        }
        return trimmed;
    }

    private static boolean open(String end) {
        return end.isBlank() || end.trim().equals("..");
    }

    private static OffsetDateTime instant(String text) {
        try {
            // RFC 3339 allows a lowercase t and z; Java's parser wants them upper case.
            return OffsetDateTime.parse(text.trim().toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(DATETIME_FORMAT + "; '" + text.trim() + "' is not one");
        }
    }

    /** The first page's request body, asking for pages of {@code pageSize} items (1 to {@link #LARGEST_PAGE}). */
    public ObjectNode body(int pageSize) {
        if (pageSize < 1 || pageSize > LARGEST_PAGE) {
            throw new IllegalArgumentException("a page holds 1 to " + LARGEST_PAGE + " items, not " + pageSize);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        bbox.ifPresent(values -> {
            ArrayNode array = body.putArray("bbox");
            for (double value : values) {
                array.add(value);
            }
        });
        datetime.ifPresent(value -> body.put("datetime", value));
        if (!collections.isEmpty()) {
            ArrayNode array = body.putArray("collections");
            collections.forEach(array::add);
        }
        // the server parses it, and answers a mistake with the position of it
        filter.ifPresent(text -> body.put("filter-lang", "cql2-text").put("filter", text));
        if (!sortby.isEmpty()) {
            ArrayNode order = body.putArray("sortby");
            sortby.forEach(sort -> order.addObject().put("field", sort.field())
                    .put("direction", sort.descending() ? "desc" : "asc"));
        }
        body.put("limit", pageSize);
        return body;
    }
}
