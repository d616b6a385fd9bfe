package io.geoingest.common.http;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Keeps the services' answers out of shared caches. Callers authenticate with {@code X-API-KEY},
 * which, unlike {@code Authorization}, does not stop a shared cache from storing an answer and
 * serving it to someone else (RFC 9111 §3.5). A file API answer is its caller's own (a file's
 * status, a presigned URL that downloads it for a day, a new key) and is stored nowhere; a STAC
 * document shows what its caller may see, so only the caller's own cache may keep it, to
 * revalidate with its ETag. Answers made outside Quarkus REST take the same header: refusals made
 * ahead of it ({@link EarlyRefusal}), and the status stream, whose head is written without
 * response filters (it names the header itself).
 */
public class PrivateAnswers {
    public static final String FILE_API = "no-store";
    static final String STAC_API = "private";

    @ServerResponseFilter
    public void keepOutOfSharedCaches(HttpServerRequest request, ContainerResponseContext response) {
        if (response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            return;
        }
        cacheControlFor(request.path()).ifPresent(value -> response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, value));
    }

    /** The {@code Cache-Control} of an answer to a request for {@code rawPath}, if its API asks for one. */
    static Optional<String> cacheControlFor(String rawPath) {
        String path = RequestPaths.normalizedAsFarAsItGoes(rawPath);
        if (path.startsWith("/public/")) {
            return Optional.of(FILE_API);
        }
        return path.startsWith("/api/stac/") ? Optional.of(STAC_API) : Optional.empty();
    }
}
