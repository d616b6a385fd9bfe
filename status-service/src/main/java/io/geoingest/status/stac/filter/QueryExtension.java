package io.geoingest.status.stac.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.error.StacProblem;
import java.util.Iterator;
import java.util.Map;

/**
 * The STAC API query extension, which pystac-client's {@code query=} and many scripts still use:
 * {@code {"eo:cloud_cover": {"lt": 10}, "platform": {"in": ["sentinel-2a", "sentinel-2b"]}}}, each
 * property's conditions all holding. It is turned into the CQL2-JSON it stands for and answered
 * by the filter extension, so both compare a property with a value alike.
 */
final class QueryExtension {
    static final String OPERATORS = "eq, neq, lt, lte, gt, gte, startsWith, endsWith, contains and in";
    private static final Map<String, String> COMPARISONS = Map.of("eq", "=", "neq", "<>", "lt", "<", "lte", "<=",
            "gt", ">", "gte", ">=");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private QueryExtension() {
    }

    /** The CQL2-JSON condition of a {@code query} object; 400 for anything else. */
    static JsonNode toCql(JsonNode query) {
        if (!query.isObject()) {
            throw problem("an object of properties, each with an object of operators and values, not " + query);
        }
        ObjectNode all = JSON.objectNode().put("op", "and");
        ArrayNode conditions = all.putArray("args");
        for (Iterator<Map.Entry<String, JsonNode>> properties = query.fields(); properties.hasNext(); ) {
            Map.Entry<String, JsonNode> property = properties.next();
            if (!property.getValue().isObject() || property.getValue().isEmpty()) {
                throw problem("\"" + property.getKey() + "\" takes an object of operators (" + OPERATORS
                        + ") and values");
            }
            property.getValue().fields().forEachRemaining(condition -> conditions.add(
                    condition(property.getKey(), condition.getKey(), condition.getValue())));
        }
        return conditions.isEmpty() ? JSON.booleanNode(true) : all;
    }

    private static JsonNode condition(String property, String operator, JsonNode value) {
        ObjectNode condition = JSON.objectNode();
        ArrayNode args = JSON.arrayNode().add(JSON.objectNode().put("property", property));
        String comparison = COMPARISONS.get(operator);
        if (comparison != null) {
            return condition.put("op", comparison).set("args", args.add(value));
        }
        switch (operator) {
            case "in" -> {
                if (!value.isArray()) {
                    throw problem("\"in\" of \"" + property + "\" takes an array of values");
                }
                return condition.put("op", "in").set("args", args.add(value));
            }
            case "startsWith", "endsWith", "contains" -> {
                if (!value.isTextual()) {
                    throw problem("\"" + operator + "\" of \"" + property + "\" takes a string");
                }
                String text = likeLiteral(value.asText());
                String pattern = switch (operator) {
                    case "startsWith" -> text + "%";
                    case "endsWith" -> "%" + text;
                    default -> "%" + text + "%";
                };
                return condition.put("op", "like").set("args", args.add(pattern));
            }
            default -> throw problem("\"" + operator + "\" is no operator of the query extension; it offers "
                    + OPERATORS);
        }
    }

    /** The text as a LIKE pattern matches it: its wildcards and escape character escaped. */
    private static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static RuntimeException problem(String what) {
        return StacProblem.badRequest("query: " + what);
    }
}
