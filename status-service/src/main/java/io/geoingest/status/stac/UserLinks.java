package io.geoingest.status.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.error.StacProblem;
import java.util.Optional;
import java.util.Set;

/**
 * Links a client writes into a document (a licence, {@code describedby}...). Relations the API
 * generates itself are dropped from what is stored, so that they are never shown twice or stale.
 */
public final class UserLinks {
    private static final Set<String> GENERATED = Set.of("self", "root", "parent", "collection", "items", "item",
            "next", "prev", "previous");

    private UserLinks() {
    }

    /** The body's {@code links} worth keeping; 400 when {@code links} is not an array of {rel, href} objects. */
    public static Optional<ArrayNode> from(ObjectNode body) {
        JsonNode links = body.get("links");
        if (links == null || links.isNull()) {
            return Optional.empty();
        }
        if (!links.isArray()) {
            throw StacProblem.badRequest("links must be an array of link objects with rel and href");
        }
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        for (JsonNode link : links) {
            if (!link.isObject() || !link.path("rel").isTextual() || !link.path("href").isTextual()) {
                throw StacProblem.badRequest("links must be an array of link objects with rel and href");
            }
            if (!GENERATED.contains(link.get("rel").asText())) {
                kept.add(link);
            }
        }
        return kept.isEmpty() ? Optional.empty() : Optional.of(kept);
    }

    /** Appends stored links (a JSON array, possibly absent) after the generated ones. */
    public static void appendStored(ArrayNode links, JsonNode stored) {
        if (stored != null && stored.isArray()) {
            stored.forEach(links::add);
        }
    }
}
