package io.geoingest.cli.stac;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A STAC asset, named by its collection, item and asset ids. */
public record AssetPath(String collection, String item, String asset) {

    /** The asset's API path: {@code /api/stac/v1/collections/{c}/items/{i}/assets/{a}}. */
    public String path() {
        return itemPath() + "/assets/" + segment(asset);
    }

    /** The API path of the asset's item: {@code /api/stac/v1/collections/{c}/items/{i}}. */
    public String itemPath() {
        return StacApi.BASE_PATH + "/collections/" + segment(collection) + "/items/" + segment(item);
    }

    public String uploads() {
        return path() + "/uploads";
    }

    public String upload(String uploadId) {
        return uploads() + "/" + segment(uploadId);
    }

    @Override
    public String toString() {
        return collection + "/" + item + "/" + asset;
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
