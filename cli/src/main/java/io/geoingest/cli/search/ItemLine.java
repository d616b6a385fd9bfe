package io.geoingest.cli.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An item of a search result as one line: collection, id, datetime and bbox, separated by tabs
 * so that scripts can cut them apart. An item that covers a time range shows it as
 * {@code start/end}; a missing value is {@code -}.
 */
public final class ItemLine {
    private static final String MISSING = "-";

    private ItemLine() {
    }

    public static String of(JsonNode item) {
        return String.join("\t", text(item.path("collection")), text(item.path("id")), datetime(item.path("properties")),
                bbox(item.path("bbox")));
    }

    private static String datetime(JsonNode properties) {
        if (properties.hasNonNull("datetime")) {
            return properties.path("datetime").asText();
        }
        if (properties.hasNonNull("start_datetime") || properties.hasNonNull("end_datetime")) {
            return properties.path("start_datetime").asText("..") + "/" + properties.path("end_datetime").asText("..");
        }
        return MISSING;
    }

    private static String bbox(JsonNode bbox) {
        if (!bbox.isArray() || bbox.isEmpty()) {
            return MISSING;
        }
        List<String> values = new ArrayList<>();
        bbox.forEach(value -> values.add(value.asText()));
        return String.join(",", values);
    }

    private static String text(JsonNode value) {
        return value.isValueNode() && !value.asText().isEmpty() ? value.asText() : MISSING;
    }
}
