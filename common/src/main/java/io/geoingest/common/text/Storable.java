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
     * {@code text} with line breaks, other control characters and the characters that reorder text
     * shown as escapes (a line feed as {@code \n}, U+202E as a backslash, u and its hex digits): text a file supplies (a NetCDF variable's name)
     * then cannot start a line of a log of its own (a forged "File ... COMPLETED") nor turn what a
     * reader sees around, in a log line or a one-line reason.
     */
    public static String printable(String text) {
        StringBuilder shown = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hidden = breaksOrReordersLine(c);
            if (hidden && shown == null) {
                shown = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (shown != null) {
                if (!hidden) {
                    shown.append(c);
                } else if (c == '\n') {
                    shown.append("\\n");
                } else if (c == '\r') {
                    shown.append("\\r");
                } else if (c == '\t') {
                    shown.append("\\t");
                } else {
                    shown.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return shown == null ? text : shown.toString();
    }

    /**
     * Whether {@code codePoint} is a control character, or ends a line or reorders a line's text
     * without being one: the Unicode line and paragraph separators, and the bidirectional marks,
     * embeddings, overrides and isolates (a file named {@code "scan\u202Efdp.exe"} reads as ending
     * in ".pdf"). Text that people read in a line of their own (a log, a file name, an owner) must
     * not carry one. Joiners and other format characters are not among them: names in several
     * scripts are written with them.
     */
    public static boolean breaksOrReordersLine(int codePoint) {
        return Character.isISOControl(codePoint)
                || codePoint == '\u2028' || codePoint == '\u2029'
                || codePoint >= '\u202a' && codePoint <= '\u202e'
                || codePoint >= '\u2066' && codePoint <= '\u2069'
                || codePoint == '\u200e' || codePoint == '\u200f' || codePoint == '\u061c';
    }

    /**
     * Whether PostgreSQL's jsonb keeps {@code node} as it is, U+0000 aside (which it refuses): a
     * number beyond the range of a double (1e400) is parsed as infinity and would be stored as the
     * text "Infinity", and a lone UTF-16 surrogate ("\\ud800", which JSON's escapes allow), in a
     * string or a field name, as "?".
     */
    public static boolean keptAsSent(JsonNode node) {
        if (node.isDouble() || node.isFloat()) {
            return Double.isFinite(node.doubleValue());
        }
        if (node.isTextual()) {
            return wellFormed(node.textValue());
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (!keptAsSent(element)) {
                    return false;
                }
            }
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!wellFormed(field.getKey()) || !keptAsSent(field.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether a string or a field name in {@code node} holds U+0000, which PostgreSQL stores in no text or jsonb. */
    public static boolean holdsNulCharacter(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\u0000') >= 0;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (holdsNulCharacter(element)) {
                    return true;
                }
            }
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().indexOf('\u0000') >= 0 || holdsNulCharacter(field.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether every surrogate in {@code text} is one of a pair, as UTF-8 (and so PostgreSQL) needs. */
    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
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
