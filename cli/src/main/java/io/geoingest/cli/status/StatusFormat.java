package io.geoingest.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A status document for people: one field a line, names aligned, times as ISO-8601 instants. */
public final class StatusFormat {

    private StatusFormat() {
    }

    public static String fields(JsonNode status) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        status.fields().forEachRemaining(field -> {
            if (!field.getValue().isNull()) {
                fields.add(field);
            }
        });
        int width = fields.stream().mapToInt(field -> field.getKey().length()).max().orElse(0);
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, JsonNode> field : fields) {
            text.append(String.format("%-" + width + "s  %s%n", field.getKey(), value(field.getKey(), field.getValue())));
        }
        return text.toString();
    }

    /** The API gives times (createdAt, updatedAt) in epoch milliseconds. */
    private static String value(String name, JsonNode value) {
        if (value.isIntegralNumber() && name.endsWith("At")) {
            return Instant.ofEpochMilli(value.asLong()).toString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
