package io.geoingest.status.stac.collection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.auth.Caller;
import io.geoingest.common.file.SourceType;
import io.geoingest.common.stac.StacCollection;
import io.geoingest.status.stac.JsonFields;
import io.geoingest.status.stac.Link;
import io.geoingest.status.stac.Representation;
import io.geoingest.status.stac.Rfc3339;
import io.geoingest.status.stac.StacApi;
import io.geoingest.status.stac.StacUrls;
import io.geoingest.status.stac.UserLinks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** STAC Collection documents, and the list of them, as clients read them. */
@ApplicationScoped
public class CollectionDocuments {

    @Inject
    ObjectMapper json;

    @Inject
    CollectionExtents extents;

    /**
     * The collection as the caller sees it: a computed extent covers the items the caller may
     * read, so callers who read different items may get different documents, each with its ETag.
     */
    public Representation collection(StacCollection collection, Caller caller, StacUrls urls) {
        return Representation.of(document(collection, caller), urls);
    }

    public EntityTag tag(StacCollection collection, Caller caller) {
        return Representation.tag(document(collection, caller));
    }

    /** The collection's document, its extent computed once for whichever URLs it is rendered with. */
    private Function<StacUrls, ObjectNode> document(StacCollection collection, Caller caller) {
        JsonNode extent = extentOf(collection, caller, Map.of());
        return urls -> render(collection, extent, urls);
    }

    /** {@code {"collections": [...], "links": [...]}}: the page the client asked for, and a next link when there is a next page. */
    public ObjectNode list(List<StacCollection> collections, Caller caller, Optional<String> nextHref, StacUrls urls) {
        Map<String, ObjectNode> computed = extents.of(collections.stream()
                .filter(collection -> !hasStoredExtent(collection)).map(collection -> collection.id).toList(), caller);
        ObjectNode list = json.createObjectNode();
        ArrayNode rendered = list.putArray("collections");
        collections.forEach(collection -> rendered.add(render(collection, extentOf(collection, caller, computed), urls)));
        ArrayNode links = list.putArray("links");
        links.add(link(Link.of("self", urls.self(), MediaType.APPLICATION_JSON)));
        links.add(link(Link.of("root", urls.root(), MediaType.APPLICATION_JSON)));
        links.add(link(Link.of("parent", urls.root(), MediaType.APPLICATION_JSON)));
        nextHref.ifPresent(href -> links.add(link(Link.of("next", href, MediaType.APPLICATION_JSON))));
        return list;
    }

    /**
     * Whether the collection shows an extent of its own. A source type's collection never does
     * (see {@link CollectionCatalog#put}): one stored there by an earlier build may be a writer's
     * view of others' private items.
     */
    static boolean hasStoredExtent(StacCollection collection) {
        return collection.extent != null && collection.extent.isObject()
                && SourceType.ofCollectionId(collection.id).isEmpty();
    }

    private JsonNode extentOf(StacCollection collection, Caller caller, Map<String, ObjectNode> computed) {
        if (hasStoredExtent(collection)) {
            return collection.extent;
        }
        ObjectNode extent = computed.get(collection.id);
        return extent != null ? extent : extents.of(List.of(collection.id), caller).get(collection.id);
    }

    private ObjectNode render(StacCollection collection, JsonNode extent, StacUrls urls) {
        ObjectNode document = json.createObjectNode();
        document.put("type", "Collection");
        document.put("stac_version", StacApi.STAC_VERSION);
        JsonNode others = collection.properties == null ? json.createObjectNode() : collection.properties;
        if (others.has("stac_extensions")) {
            document.set("stac_extensions", others.get("stac_extensions"));
        }
        document.put("id", collection.id);
        if (collection.title != null) {
            document.put("title", collection.title);
        }
        document.put("description", collection.description);
        document.put("license", collection.license);
        document.set("extent", extent);
        JsonFields.addMissing(document, others, Set.of("links"));
        document.put("created", Rfc3339.format(collection.createdAt));
        document.put("updated", Rfc3339.format(collection.updatedAt));
        ArrayNode links = document.putArray("links");
        links.add(link(Link.of("self", urls.collection(collection.id), MediaType.APPLICATION_JSON)));
        links.add(link(Link.of("root", urls.root(), MediaType.APPLICATION_JSON)));
        links.add(link(Link.of("parent", urls.root(), MediaType.APPLICATION_JSON)));
        links.add(link(Link.of("items", urls.items(collection.id), StacApi.GEO_JSON)));
        links.add(link(Link.of(StacApi.QUERYABLES, urls.queryables(collection.id), StacApi.JSON_SCHEMA)));
        UserLinks.appendStored(links, others.get("links"));
        return document;
    }

    private JsonNode link(Link link) {
        return json.valueToTree(link);
    }
}
