package io.geoingest.status.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.error.StacProblem;
import io.geoingest.common.error.UnstorableCharacter;
import io.geoingest.common.text.Storable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Typed reads of fields of a JSON document sent by a client; a field of the wrong type is a 400
 * naming it. Absent and {@code null} mean the same: not given.
 */
public final class JsonFields {
    private JsonFields() {
    }

    public static ObjectNode requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw StacProblem.badRequest("The body must be a JSON object");
        }
        return (ObjectNode) body;
    }

    /**
     * A document a client writes into the catalog: a JSON object that PostgreSQL stores as sent. A
     * number beyond the range of a double (1e400) is parsed as infinity and would be stored as the
     * text "Infinity", and a lone UTF-16 surrogate ("\\ud800", which JSON's escapes allow) as "?":
     * refused instead of changed. U+0000, which the database refuses, is refused before it is sent
     * there, which logged the refusal quoting the document. (Jackson refuses a name with a lone
     * surrogate.)
     */
    public static ObjectNode requireDocument(JsonNode body) {
        ObjectNode document = requireObject(body);
        if (Storable.holdsNulCharacter(document)) {
            throw StacProblem.badRequest(UnstorableCharacter.MESSAGE);
        }
        if (!Storable.keptAsSent(document)) {
            throw StacProblem.badRequest("The body holds what cannot be stored as sent: a number beyond the range"
                    + " of a double (such as 1e400), or a lone UTF-16 surrogate (such as \\ud800) in a string");
        }
        return document;
    }

    public static Optional<JsonNode> field(ObjectNode document, String name) {
        JsonNode value = document.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    public static Optional<String> text(ObjectNode document, String name) {
        return field(document, name).map(value -> {
            if (!value.isTextual()) {
                throw StacProblem.badRequest(name + " must be a string");
            }
            return value.asText();
        });
    }

    public static Optional<ObjectNode> object(ObjectNode document, String name) {
        return field(document, name).map(value -> {
            if (!value.isObject()) {
                throw StacProblem.badRequest(name + " must be a JSON object");
            }
            return (ObjectNode) value;
        });
    }

    public static Optional<List<String>> strings(ObjectNode document, String name) {
        return field(document, name).map(value -> {
            if (!value.isArray()) {
                throw StacProblem.badRequest(name + " must be an array of strings");
            }
            List<String> strings = new ArrayList<>();
            for (JsonNode element : value) {
                if (!element.isTextual()) {
                    throw StacProblem.badRequest(name + " must be an array of strings");
                }
                strings.add(element.asText());
            }
            return strings;
        });
    }

    /** The fields of {@code document} not named in {@code excluded}, leaving out nulls. */
    public static ObjectNode without(ObjectNode document, Set<String> excluded) {
        ObjectNode rest = JsonNodeFactory.instance.objectNode();
        document.properties().forEach(entry -> {
            if (!excluded.contains(entry.getKey()) && !entry.getValue().isNull()) {
                rest.set(entry.getKey(), entry.getValue());
            }
        });
        return rest;
    }

    /**
     * Copies the fields of {@code from} that {@code to} does not have yet, except {@code excluded}
     * ones: stored fields never override generated ones.
     */
    public static void addMissing(ObjectNode to, JsonNode from, Set<String> excluded) {
        if (from == null || !from.isObject()) {
            return;
        }
        from.properties().forEach(entry -> {
            if (!to.has(entry.getKey()) && !excluded.contains(entry.getKey()) && !entry.getValue().isNull()) {
                to.set(entry.getKey(), entry.getValue());
            }
        });
    }
}
