package io.geoingest.status.stac.item;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.stac.StacItemId;
import io.geoingest.status.stac.JsonFields;
import io.geoingest.status.stac.Link;
import io.geoingest.status.stac.Representation;
import io.geoingest.status.stac.Rfc3339;
import io.geoingest.status.stac.StacApi;
import io.geoingest.status.stac.StacUrls;
import io.geoingest.status.stac.UserLinks;
import io.geoingest.status.stac.asset.AssetDocuments;
import io.geoingest.status.stac.asset.AssetReader;
import io.geoingest.status.stac.asset.AssetRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** STAC Items (GeoJSON Features with their assets) and item collections, as clients read them. */
@ApplicationScoped
public class ItemDocuments {

    @Inject
    ObjectMapper json;

    @Inject
    AssetReader assets;

    @Inject
    AssetDocuments assetDocuments;

    public Representation item(ItemRow item, StacUrls urls) {
        return Representation.of(document(item), urls);
    }

    public EntityTag tag(ItemRow item) {
        return Representation.tag(document(item));
    }

    /** The item's document, its assets read once for whichever URLs it is rendered with. */
    private Function<StacUrls, ObjectNode> document(ItemRow item) {
        List<AssetRow> itemAssets = assets.ofItem(item.key());
        return urls -> render(item, itemAssets, urls);
    }

    /**
     * A FeatureCollection of a page of items (their assets read in one query), with
     * {@code numberReturned} and the context extension's {@code returned} and {@code limit}.
     */
    public ObjectNode featureCollection(List<ItemRow> items, int limit, List<Link> links, StacUrls urls,
            Optional<ItemFields> fields) {
        Map<StacItemId, List<AssetRow>> assetsByItem = assets.ofItems(items.stream().map(ItemRow::key).toList());
        ObjectNode collection = json.createObjectNode();
        collection.put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        items.forEach(item -> {
            ObjectNode document = render(item, assetsByItem.get(item.key()), urls);
            features.add(fields.map(selection -> selection.select(document)).orElse(document));
        });
        ArrayNode renderedLinks = collection.putArray("links");
        links.forEach(link -> renderedLinks.add(link(link)));
        collection.put("numberReturned", items.size());
        collection.putObject("context").put("returned", items.size()).put("limit", limit);
        return collection;
    }

    private ObjectNode render(ItemRow item, List<AssetRow> itemAssets, StacUrls urls) {
        ObjectNode properties = properties(item);
        ObjectNode assetMap = json.createObjectNode();
        itemAssets.forEach(asset -> assetMap.set(asset.id(), assetDocuments.inItem(asset, urls)));
        ObjectNode document = json.createObjectNode();
        document.put("type", "Feature");
        document.put("stac_version", StacApi.STAC_VERSION);
        UsedExtensions.of(item.otherFields().get("stac_extensions"), properties, assetMap)
                .ifPresent(extensions -> document.set("stac_extensions", extensions));
        document.put("id", item.id());
        document.put("collection", item.collectionId());
        // GeoJSON requires the member: an item without a location has "geometry": null and no bbox.
        document.set("geometry", item.geometry().orElse(null));
        item.bbox().ifPresent(box -> {
            ArrayNode bbox = document.putArray("bbox");
            for (double value : box) {
                bbox.add(value);
            }
        });
        document.set("properties", properties);
        ArrayNode links = document.putArray("links");
        links.add(link(Link.of("self", urls.item(item.collectionId(), item.id()), StacApi.GEO_JSON)));
        links.add(link(Link.of("root", urls.root(), MediaType.APPLICATION_JSON)));
        links.add(link(Link.of("parent", urls.collection(item.collectionId()), MediaType.APPLICATION_JSON)));
        links.add(link(Link.of("collection", urls.collection(item.collectionId()), MediaType.APPLICATION_JSON)));
        UserLinks.appendStored(links, item.otherFields().get("links"));
        document.set("assets", assetMap);
        JsonFields.addMissing(document, item.otherFields(), Set.of("links"));
        return document;
    }

    /**
     * The datetimes first, then the stored properties. STAC requires {@code datetime} even when it
     * is null (an item that spans start_datetime to end_datetime), so that null is written.
     */
    private ObjectNode properties(ItemRow item) {
        ObjectNode properties = json.createObjectNode();
        properties.put("datetime", item.datetime().map(Rfc3339::format).orElse(null));
        item.startDatetime().ifPresent(start -> properties.put("start_datetime", Rfc3339.format(start)));
        item.endDatetime().ifPresent(end -> properties.put("end_datetime", Rfc3339.format(end)));
        JsonFields.addMissing(properties, item.properties(), ItemWrite.DATETIMES);
        properties.put("created", Rfc3339.format(item.createdAt()));
        properties.put("updated", Rfc3339.format(item.updatedAt()));
        return properties;
    }

    private JsonNode link(Link link) {
        return json.valueToTree(link);
    }
}
