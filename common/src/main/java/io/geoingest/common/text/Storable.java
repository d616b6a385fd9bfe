package io.geoingest.common.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * What a file's content says, made fit to store and to send: text without U+0000, which
 * PostgreSQL holds in no text or jsonb column, and cut to a length, so that a file cannot make a
 * row or an event as large as it likes (an event over Kafka's message size would stop the outbox);
 * numbers finite, since JSON has no NaN or infinity.
 */
public final class Storable {
    private static final String CUT = "…";

    private Storable() {
    }

    /** {@code text} without U+0000 and at most {@code maxLength} characters long, with an ellipsis where it was cut. */
    public static String text(String text, int maxLength) {
        String kept = text.indexOf('\u0000') >= 0 ? text.replace("\u0000", "") : text;
        return kept.length() <= maxLength ? kept : kept.substring(0, maxLength - CUT.length()) + CUT;
    }

    /**
     * A copy of {@code node} whose every string and field name is {@link #text storable}, and whose
     * non-finite numbers are null.
     */
    public static JsonNode json(JsonNode node, int maxTextLength) {
        if (node.isTextual()) {
            return TextNode.valueOf(text(node.asText(), maxTextLength));
        }
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            return NullNode.getInstance();
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(element -> copy.add(json(element, maxTextLength)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(text(field.getKey(), maxTextLength), json(field.getValue(), maxTextLength));
            }
            return copy;
        }
        return node;
    }
}
