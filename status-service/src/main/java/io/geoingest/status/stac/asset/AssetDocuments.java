package io.geoingest.status.stac.asset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.file.FileStatus;
import io.geoingest.common.stac.StacAsset;
import io.geoingest.common.stac.StacItemId;
import io.geoingest.status.stac.JsonFields;
import io.geoingest.status.stac.Link;
import io.geoingest.status.stac.Representation;
import io.geoingest.status.stac.Rfc3339;
import io.geoingest.status.stac.StacApi;
import io.geoingest.status.stac.StacUrls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * STAC asset objects as clients read them. An asset shows the API's download URL as {@code href}
 * (never the internal {@code s3://} location) unless it links to a file stored elsewhere; with an
 * uploaded file it also shows the file's
 * {@code file:checksum} and its processing state: {@code geoingest:status}, and
 * {@code geoingest:error} when processing FAILED.
 */
@ApplicationScoped
public class AssetDocuments {
    public static final String STATUS = StacAsset.STATUS;
    public static final String ERROR = "geoingest:error";
    public static final String CHECKSUM = "file:checksum";
    /**
     * The size the worker measured, which it stores on the asset with the status (an upload's
     * completion clears it); the client's own on an asset without an uploaded file.
     */
    public static final String SIZE = StacAsset.SIZE;
    /**
     * Why processing failed, which the worker stores on the asset too; shown as {@link #ERROR}, from
     * the file of the latest upload, not repeated from there (where a later upload leaves it stale).
     */
    public static final String REASON = StacAsset.REASON;

    @Inject
    ObjectMapper json;

    /** The asset as a value of its item's {@code assets} map (its id is the key). */
    public ObjectNode inItem(AssetRow asset, StacUrls urls) {
        return fields(json.createObjectNode(), asset, urls);
    }

    /** The asset on its own, with its id and links. */
    public Representation standalone(AssetRow asset, StacUrls urls) {
        return Representation.of(at -> render(asset, at), urls);
    }

    public EntityTag tag(AssetRow asset) {
        return Representation.tag(at -> render(asset, at));
    }

    private ObjectNode render(AssetRow asset, StacUrls urls) {
        ObjectNode document = json.createObjectNode();
        document.put("id", asset.id());
        fields(document, asset, urls);
        ArrayNode links = document.putArray("links");
        links.add(link(Link.of("self", urls.asset(asset.collectionId(), asset.itemId(), asset.id()), MediaType.APPLICATION_JSON)));
        links.add(link(Link.of("root", urls.root(), MediaType.APPLICATION_JSON)));
        links.add(link(Link.of("parent", urls.assets(asset.collectionId(), asset.itemId()), MediaType.APPLICATION_JSON)));
        links.add(link(Link.of("item", urls.item(asset.collectionId(), asset.itemId()), StacApi.GEO_JSON)));
        links.add(link(Link.of("collection", urls.collection(asset.collectionId()), MediaType.APPLICATION_JSON)));
        return document;
    }

    /** {@code {"assets": [...], "links": [...]}} for the assets of one item. */
    public ObjectNode list(StacItemId item, List<AssetRow> assets, StacUrls urls) {
        ObjectNode list = json.createObjectNode();
        ArrayNode rendered = list.putArray("assets");
        assets.forEach(asset -> {
            ObjectNode document = json.createObjectNode();
            document.put("id", asset.id());
            rendered.add(fields(document, asset, urls));
        });
        ArrayNode links = list.putArray("links");
        links.add(link(Link.of("self", urls.assets(item.collectionId(), item.id()), MediaType.APPLICATION_JSON)));
        links.add(link(Link.of("root", urls.root(), MediaType.APPLICATION_JSON)));
        links.add(link(Link.of("parent", urls.item(item.collectionId(), item.id()), StacApi.GEO_JSON)));
        links.add(link(Link.of("item", urls.item(item.collectionId(), item.id()), StacApi.GEO_JSON)));
        links.add(link(Link.of("collection", urls.collection(item.collectionId()), MediaType.APPLICATION_JSON)));
        return list;
    }

    private ObjectNode fields(ObjectNode document, AssetRow asset, StacUrls urls) {
        Optional<AssetRow.UploadedFile> file = asset.file();
        asset.title().ifPresent(title -> document.put("title", title));
        asset.type().or(() -> file.flatMap(AssetRow.UploadedFile::contentType))
                .ifPresent(type -> document.put("type", type));
        if (!asset.roles().isEmpty()) {
            ArrayNode roles = document.putArray("roles");
            asset.roles().forEach(roles::add);
        }
        document.put("href", href(asset, urls));
        asset.checksum().or(() -> file.flatMap(AssetRow.UploadedFile::checksum))
                .ifPresent(checksum -> document.put(CHECKSUM, checksum));
        file.ifPresent(uploaded -> {
            document.put(STATUS, uploaded.status().name());
            if (uploaded.status() == FileStatus.FAILED) {
                uploaded.failureReason().ifPresent(reason -> document.put(ERROR, reason));
            }
        });
        JsonFields.addMissing(document, asset.properties(), Set.of(STATUS, ERROR, REASON, "links"));
        document.put("created", Rfc3339.format(asset.createdAt()));
        document.put("updated", Rfc3339.format(asset.updatedAt()));
        return document;
    }

    /**
     * STAC requires an href on every asset: an external http(s) href as given, unless a file was
     * uploaded; otherwise the download URL, also before the file is uploaded (it answers 404 until
     * then), so that the href does not change when the file arrives.
     */
    private static String href(AssetRow asset, StacUrls urls) {
        String download = urls.download(asset.collectionId(), asset.itemId(), asset.id());
        return asset.file().isPresent() ? download : asset.href().filter(AssetWrite::isExternalHref).orElse(download);
    }

    private JsonNode link(Link link) {
        return json.valueToTree(link);
    }
}
