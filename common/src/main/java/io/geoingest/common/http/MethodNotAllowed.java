package io.geoingest.common.http;

import io.geoingest.common.error.ErrorResponses;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A method that a path of an API does not take is a 405 with the methods it takes, in the format
 * of the path's API. Quarkus REST answers 404 instead when resource classes share the start of the
 * path (POST on {@code /public/file/status/{id}/events}, which {@code /public/file/status} shares;
 * POST on {@code /collections/{c}/items}, which {@code /collections} shares), as it only looks for
 * other methods in the last class it tries, and its own 405 has no {@code Allow}; so this is
 * decided before it routes, and before anyone asks for credentials.
 *
 * <p>{@code Allow} names what the path takes (RFC 9110, 10.2.1): its resource methods, HEAD where
 * there is GET and OPTIONS, both of which Quarkus REST answers for such a path. OPTIONS is
 * answered here, with the same {@code Allow}: Quarkus REST's own names every method of the
 * resource class, other paths' included. OPTIONS on a path that no resource has is the 404 a GET
 * on it gets: Quarkus REST answered it 200, as if the path were there.
 */
public class MethodNotAllowed {
    private static final String NOT_FOUND = Response.Status.NOT_FOUND.getReasonPhrase();

    @Inject
    ResourceRoutes routes;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseMethodsThePathDoesNotTake(HttpServerRequest request) {
        String method = request.method().name();
        String path = RequestPaths.of(request);
        Set<String> declared = routes.declaredMethodsOf(path);
        if (declared.isEmpty() && method.equals(HttpMethod.OPTIONS)) {
            return Optional.of(ErrorResponses.forPath(request.path(), Response.Status.NOT_FOUND, NOT_FOUND, NOT_FOUND));
        }
        if (declared.isEmpty() || declared.contains(method)
                || method.equals(HttpMethod.HEAD) && declared.contains(HttpMethod.GET)) {
            return Optional.empty();
        }
        routes.labelForMetrics(request, path);
        String allow = String.join(", ", allowed(declared));
        if (method.equals(HttpMethod.OPTIONS)) {
            return Optional.of(Response.ok().header(HttpHeaders.ALLOW, allow).build());
        }
        String message = "Method Not Allowed: " + method + "; this path takes " + allow;
        Response refusal = ErrorResponses.forPath(request.path(), Response.Status.METHOD_NOT_ALLOWED, message, message);
        return Optional.of(Response.fromResponse(refusal).header(HttpHeaders.ALLOW, allow).build());
    }

    private static Set<String> allowed(Set<String> declared) {
        Set<String> allowed = new TreeSet<>(declared);
        if (declared.contains(HttpMethod.GET)) {
            allowed.add(HttpMethod.HEAD);
        }
        allowed.add(HttpMethod.OPTIONS);
        return allowed;
    }
}
