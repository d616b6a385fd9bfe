package io.geoingest.status.stac.filter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.auth.Caller;
import io.geoingest.common.file.SourceType;
import io.geoingest.status.stac.VisibleItems;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a filter may name (OGC API - Features Part 3 queryables), as a JSON Schema: the item
 * fields the catalog keeps in columns and the properties the worker writes; for a collection also
 * the properties its items have, as a sample of them shows them to the caller, so that a client
 * that builds its filter form from the queryables (STAC Browser) offers them. Items carry whatever
 * properties their writers gave them, so any other property may be named too
 * ({@code additionalProperties}); an item without it matches no comparison.
 */
@ApplicationScoped
public class Queryables {
    static final String EXAMPLE = "{\"$schema\": \"https://json-schema.org/draft/2019-09/schema\","
            + " \"type\": \"object\", \"properties\": {\"datetime\": {\"type\": \"string\", \"format\": \"date-time\"}},"
            + " \"additionalProperties\": true}";

    /** Items of a collection whose properties are listed: a bound on the request's cost, enough for a catalog's usual few kinds. */
    private static final int SAMPLE = 500;
    /** Properties listed from the sample at most; a collection of free-form documents would otherwise list thousands. */
    private static final int MAX_SAMPLED = 200;
    /** A JSON type of some value of each property in the sample, and whether every number of it is whole. */
    private static final String SAMPLED_TYPES = """
            select p.key, jsonb_typeof(p.value),
                   bool_and(jsonb_typeof(p.value) <> 'number' or p.value::text ~ '^-?[0-9]+$')
            from (select i.properties from stac_item i where i.collection_id = ?%s limit %d) s
            cross join lateral jsonb_each(s.properties) p
            group by p.key, jsonb_typeof(p.value)
            order by p.key
            """;

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager entityManager;

    /** The queryables of a collection's items, with the properties of those the caller may read. */
    ObjectNode ofCollection(String id, String collectionId, Caller caller) {
        ObjectNode schema = document(id, "Queryables of collection " + collectionId);
        ObjectNode properties = (ObjectNode) schema.get("properties");
        Optional<String> visible = VisibleItems.condition(caller, "i");
        var query = entityManager.createNativeQuery(SAMPLED_TYPES.formatted(visible.orElse(""), SAMPLE))
                .setParameter(1, collectionId);
        visible.ifPresent(condition -> query.setParameter(2, caller.owner()));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        Map<String, Set<String>> types = new TreeMap<>();
        for (Object[] row : rows) {
            String type = (String) row[1];
            types.computeIfAbsent((String) row[0], key -> new TreeSet<>())
                    .add(type.equals("number") && Boolean.TRUE.equals(row[2]) ? "integer" : type);
        }
        types.entrySet().stream().filter(entry -> !properties.has(entry.getKey())).limit(MAX_SAMPLED)
                .forEach(entry -> properties.set(entry.getKey(), sampled(entry.getValue())));
        return schema;
    }

    private ObjectNode sampled(Set<String> types) {
        ObjectNode property = json.createObjectNode().put("description", "As the collection's items have it");
        if (types.size() == 1) {
            property.put("type", types.iterator().next());
        } else {
            ArrayNode all = property.putArray("type");
            types.forEach(all::add);
        }
        return property;
    }

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
