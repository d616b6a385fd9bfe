package io.geoingest.status.stac;

import io.geoingest.common.api.PublishedApiDocument;
import io.geoingest.common.error.StacProblem;
import io.geoingest.common.stac.StacPaths;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Absolute URLs of the API's resources, made from the URL the client called (through the gateway
 * or an Ingress that forwards its host), so that links work from the client's side.
 */
public record StacUrls(String origin, URI requested) {
    /**
     * host[:port]: a name or IPv4 address (underscores too, as container names have them) or an
     * IPv6 address in brackets. Anything else in a Host or X-Forwarded-Host header, from a broken
     * or hostile client, would make links that lead nowhere (http:///...) or somewhere else.
     */
    private static final Pattern AUTHORITY =
            Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+])(?::([0-9]{1,5}))?");
    private static final Set<String> SCHEMES = Set.of("http", "https");

    /** The URLs of a request whose scheme is http(s) and whose host is a valid host[:port]; a 400 otherwise. */
    public static StacUrls of(UriInfo uriInfo) {
        URI base = uriInfo.getBaseUri();
        String scheme = String.valueOf(base.getScheme()).toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw StacProblem.badRequest("The request's protocol (X-Forwarded-Proto) must be http or https:"
                    + " the links in the answer are made from it");
        }
        String authority = base.getRawAuthority();
        Matcher host = AUTHORITY.matcher(authority == null ? "" : authority);
        if (!host.matches() || host.group(1) != null && !isPort(Integer.parseInt(host.group(1)))) {
            throw StacProblem.badRequest("The request's host (Host, or X-Forwarded-Host) must be a host name or"
                    + " address with an optional port: the links in the answer are made from it");
        }
        return new StacUrls(scheme + "://" + authority, uriInfo.getRequestUri());
    }

    private static boolean isPort(int number) {
        return number >= 1 && number <= 65535;
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

    public String queryables() {
        return base() + "/queryables";
    }

    public String queryables(String collectionId) {
        return collection(collectionId) + "/queryables";
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
        return origin + StacPaths.BASE_PATH;
    }

    private static String pathAndQuery(URI uri) {
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** Ids written through this API are URL-safe; ids written by others are encoded. */
    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
