package io.geoingest.status.stac;

import io.geoingest.common.api.PublishedApiDocument;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Absolute URLs of the API's resources, made from the URL the client called (through the gateway
 * or an Ingress that forwards its host), so that links work from the client's side.
 */
public record StacUrls(String origin, URI requested) {

    public static StacUrls of(UriInfo uriInfo) {
        String root = uriInfo.getBaseUri().toString();
        if (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        return new StacUrls(root, uriInfo.getRequestUri());
    }

    /** The URL the client called, its query included: the self link of a page. */
    public String self() {
        return origin + pathAndQuery(requested);
    }

    /** The URL the client called, starting at {@code cursor}: the next link of a page read with GET. */
    public String nextPage(String cursor) {
        return origin + pathAndQuery(UriBuilder.fromUri(requested).replaceQueryParam(Cursor.PARAMETER, cursor).build());
    }

    public String root() {
        return base() + "/";
    }

    public String conformance() {
        return base() + "/conformance";
    }

    public String search() {
        return base() + "/search";
    }

    public String collections() {
        return base() + "/collections";
    }

    public String collection(String collectionId) {
        return collections() + "/" + segment(collectionId);
    }

    public String items(String collectionId) {
        return collection(collectionId) + "/items";
    }

    public String item(String collectionId, String itemId) {
        return items(collectionId) + "/" + segment(itemId);
    }

    public String assets(String collectionId, String itemId) {
        return item(collectionId, itemId) + "/assets";
    }

    public String asset(String collectionId, String itemId, String assetId) {
        return assets(collectionId, itemId) + "/" + segment(assetId);
    }

    /** The stable URL of an asset's file: it redirects to a fresh presigned storage URL. */
    public String download(String collectionId, String itemId, String assetId) {
        return asset(collectionId, itemId, assetId) + "/download";
    }

    /** The OpenAPI document of this service, published under {@code name} (see {@link PublishedApiDocument}). */
    public String apiDescription(String name) {
        return origin + PublishedApiDocument.path(name);
    }

    /** Swagger UI for the whole public API, served at the same path by the gateway and the status-service. */
    public String apiDocumentation() {
        return origin + "/q/swagger-ui/";
    }

    private String base() {
        return origin + StacApi.BASE_PATH;
    }

    private static String pathAndQuery(URI uri) {
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** Ids written through this API are URL-safe; ids written by others are encoded. */
    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
