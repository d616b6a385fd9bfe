package io.geoingest.status.stac.filter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.file.SourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What a filter may name (OGC API - Features Part 3 queryables), as a JSON Schema: the item
 * fields the catalog keeps in columns and the properties the worker writes. Items carry whatever
 * properties their writers gave them, so any other property may be named too
 * ({@code additionalProperties}); an item without it matches no comparison.
 */
@ApplicationScoped
public class Queryables {
    static final String EXAMPLE = "{\"$schema\": \"https://json-schema.org/draft/2019-09/schema\","
            + " \"type\": \"object\", \"properties\": {\"datetime\": {\"type\": \"string\", \"format\": \"date-time\"}},"
            + " \"additionalProperties\": true}";

    @Inject
    ObjectMapper json;

    ObjectNode document(String id, String title) {
        ObjectNode schema = json.createObjectNode()
                .put("$schema", "https://json-schema.org/draft/2019-09/schema")
                .put("$id", id)
                .put("type", "object")
                .put("title", title)
                .put("description", "Names a CQL2 filter may use (" + CqlFilter.OFFERED + ")");
        ObjectNode properties = schema.putObject("properties");
        properties.set("id", typed("The item's id", "string"));
        properties.set("collection", typed("The id of the item's collection", "string"));
        properties.set("datetime", time("The item's time (an item that covers a span has none)"));
        properties.set("start_datetime", time("The start of the span the item covers"));
        properties.set("end_datetime", time("The end of the span the item covers"));
        properties.set("created", time("When the item was catalogued"));
        properties.set("updated", time("When the item last changed"));
        properties.set("title", typed("The name of the file the item was made of", "string"));
        ObjectNode sourceType = typed("The source type of the file the item was made of", "string");
        ArrayNode sourceTypes = sourceType.putArray("enum");
        for (SourceType type : SourceType.values()) {
            sourceTypes.add(type.name());
        }
        properties.set("geoingest:source_type", sourceType);
        properties.set("geoingest:format", typed("The file's format, as the worker detected it", "string"));
        ObjectNode epsg = json.createObjectNode().put("description", "The EPSG code of the data's CRS; null if it has none");
        epsg.putArray("type").add("integer").add("null");
        properties.set("proj:epsg", epsg);
        schema.put("additionalProperties", true);
        return schema;
    }

    private ObjectNode typed(String description, String type) {
        return json.createObjectNode().put("description", description).put("type", type);
    }

    private ObjectNode time(String description) {
        return typed(description, "string").put("format", "date-time");
    }
}
