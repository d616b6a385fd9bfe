package io.geoingest.common.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpUtils;
import java.util.regex.Pattern;

/**
 * The path of a request as the services' HTTP layer routes it: Vert.x decodes percent-encoded
 * unreserved characters and removes dot segments before it matches, so {@code /public/./file/upload}
 * reaches the direct upload. Whatever decides by path (body limits, which parameters are checked,
 * the gateway's routing) decides on this path, or another spelling of a path would reach its
 * endpoint without its rules. One place for Vert.x's function, which is not public API.
 */
public final class RequestPaths {
    private static final Pattern MATRIX_PARAMETERS = Pattern.compile(";[^/]*");

    private RequestPaths() {
    }

    /**
     * {@code rawPath} (a path without its query) as Vert.x routes it, and without the matrix
     * parameters ({@code ;x}) of its segments, which Quarkus REST leaves out before it picks a
     * resource method: {@code /collections;x} reaches the collections, so it is judged as they are
     * (it passed CredentialsFirst unjudged). A request without a path is routed as {@code /}.
     */
    public static String normalized(String rawPath) {
        return rawPath == null ? "/" : withoutMatrixParameters(HttpUtils.normalizePath(rawPath));
    }

    private static String withoutMatrixParameters(String path) {
        return path.indexOf(';') < 0 ? path : MATRIX_PARAMETERS.matcher(path).replaceAll("");
    }

    /**
     * {@code rawPath} as {@link #normalized}, as far as that goes: a path with a percent escape that
     * is not one ({@code %zz}) cannot be normalized, and is refused rather than routed; for that
     * refusal's format it is taken from the root and without its dot segments, its escapes as sent.
     */
    public static String normalizedAsFarAsItGoes(String rawPath) {
        try {
            return normalized(rawPath);
        } catch (IllegalArgumentException malformed) {
            return HttpUtils.removeDots(rawPath.startsWith("/") ? rawPath : "/" + rawPath);
        }
    }

    /** The path of {@code request} as Vert.x routes it. */
    public static String of(HttpServerRequest request) {
        return normalized(request.path());
    }

    /**
     * The endpoint {@code path} (as routed) reaches, named without trailing slashes: Quarkus REST
     * routes {@code /public/file/upload/} to the direct upload too, so a rule for an endpoint must
     * hold for that spelling as well.
     */
    public static String endpoint(String path) {
        String endpoint = path;
        while (endpoint.length() > 1 && endpoint.endsWith("/")) {
            endpoint = endpoint.substring(0, endpoint.length() - 1);
        }
        return endpoint;
    }
}
