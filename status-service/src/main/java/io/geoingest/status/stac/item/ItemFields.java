package io.geoingest.status.stac.item;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.error.StacProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fields of the items a search returns, as the STAC API fields extension asks: a page of
 * thousands of items with detailed footprints and many assets is mostly what a client that wants
 * ids and times throws away. The fields kept are the default ones (what keeps an item a valid,
 * identifiable STAC item) and those included, less those excluded; a field is a member of the
 * item or, with dots, of an object in it ({@code properties.eo:cloud_cover}).
 */
public record ItemFields(Set<String> include, Set<String> exclude) {
    /**
     * The extension's default set, and {@code stac_version}, {@code stac_extensions} and
     * {@code collection}, without which an item or the fields of its extensions cannot be read, or
     * it be told apart from another collection's; and the start and end of an item that covers a
     * span, whose {@code datetime} is null: without them it is no valid item (pystac refuses it).
     */
    static final List<String> DEFAULT = List.of("type", "stac_version", "stac_extensions", "id", "collection",
            "geometry", "bbox", "links", "assets", "properties.datetime", "properties.start_datetime",
            "properties.end_datetime");
    /** The members of a POST's {@code fields}; earlier versions of pystac-client wrote them in the plural. */
    private static final Set<String> MEMBERS = Set.of("include", "exclude", "includes", "excludes");

    public ItemFields {
        include = Set.copyOf(include);
        exclude = Set.copyOf(exclude);
    }

    /** {@code fields} of GET: names separated by commas, each after {@code -} (excluded), or {@code +} or nothing. */
    public static ItemFields fromQuery(String fields) {
        Set<String> include = new LinkedHashSet<>();
        Set<String> exclude = new LinkedHashSet<>();
        // an unencoded + arrives as a space, which trim takes away: the name is included either way
        Arrays.stream(fields.split(",")).map(String::trim).filter(field -> !field.isEmpty()).forEach(field -> {
            if (field.startsWith("-")) {
                exclude.add(name(field.substring(1)));
            } else {
                include.add(name(field.startsWith("+") ? field.substring(1) : field));
            }
        });
        return new ItemFields(include, exclude);
    }

    /** {@code fields} of a POST body: an object with arrays of names {@code include} and {@code exclude}. */
    public static ItemFields fromBody(JsonNode fields) {
        if (!fields.isObject()) {
            throw StacProblem.badRequest("fields must be an object with the arrays include and exclude");
        }
        fields.fieldNames().forEachRemaining(member -> {
            if (!MEMBERS.contains(member)) {
                throw StacProblem.badRequest("fields has a member '" + member + "': it takes the arrays include and"
                        + " exclude");
            }
        });
        Set<String> include = names(fields, "include");
        include.addAll(names(fields, "includes"));
        Set<String> exclude = names(fields, "exclude");
        exclude.addAll(names(fields, "excludes"));
        return new ItemFields(include, exclude);
    }

    private static Set<String> names(JsonNode fields, String member) {
        JsonNode list = fields.path(member);
        Set<String> names = new LinkedHashSet<>();
        if (list.isMissingNode() || list.isNull()) {
            return names;
        }
        if (!list.isArray()) {
            throw StacProblem.badRequest("fields." + member + " must be an array of field names");
        }
        for (JsonNode name : list) {
            if (!name.isTextual()) {
                throw StacProblem.badRequest("fields." + member + " must be an array of field names");
            }
            names.add(name(name.asText()));
        }
        return names;
    }

    private static String name(String field) {
        String name = field.trim();
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            throw StacProblem.badRequest("fields names a field '" + field + "' that is none: name members of the item,"
                    + " with dots for those inside an object, e.g. properties.datetime");
        }
        return name;
    }

    /**
     * The item with the fields kept; a field the item has not is left out, as the extension asks.
     * The selection takes its parts from the item, which is a page's own rendering, not copies.
     */
    public ObjectNode select(ObjectNode item) {
        ObjectNode selected = JsonNodeFactory.instance.objectNode();
        List<String> kept = new ArrayList<>(DEFAULT);
        kept.addAll(include);
        for (String field : kept) {
            copy(item, selected, field.split("\\."));
        }
        for (String field : exclude) {
            remove(selected, field.split("\\."));
        }
        return selected;
    }

    private static void copy(ObjectNode from, ObjectNode to, String[] path) {
        JsonNode source = from;
        ObjectNode target = to;
        for (int step = 0; step < path.length - 1; step++) {
            source = source.path(path[step]);
            if (!source.isObject()) {
                return;
            }
            JsonNode existing = target.get(path[step]);
            target = existing instanceof ObjectNode object ? object : target.putObject(path[step]);
        }
        JsonNode value = source.get(path[path.length - 1]);
        if (value != null) {
            target.set(path[path.length - 1], value);
        }
    }

    private static void remove(ObjectNode from, String[] path) {
        JsonNode parent = from;
        for (int step = 0; step < path.length - 1; step++) {
            parent = parent.path(path[step]);
        }
        if (parent instanceof ObjectNode object) {
            object.remove(path[path.length - 1]);
        }
    }
}
