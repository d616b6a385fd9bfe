package io.geoingest.common.http;

import io.geoingest.common.error.ErrorResponses;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A method that a path of an API does not take is a 405 with the methods it takes, in the format
 * of the path's API. Quarkus REST answers 404 instead when resource classes share the start of the
 * path (POST on {@code /public/file/status/{id}/events}, which {@code /public/file/status} shares;
 * POST on {@code /collections/{c}/items}, which {@code /collections} shares), as it only looks for
 * other methods in the last class it tries, and its own 405 has no {@code Allow}; so this is
 * decided before it routes.
 */
public class MethodNotAllowed {

    @Inject
    ResourceRoutes routes;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseMethodsThePathDoesNotTake(HttpServerRequest request) {
        String method = request.method().name();
        if (method.equals(HttpMethod.OPTIONS)) {
            return Optional.empty();
        }
        Set<String> allowed = routes.methodsOf(request.path());
        if (allowed.isEmpty() || allowed.contains(method) || method.equals(HttpMethod.HEAD) && allowed.contains(HttpMethod.GET)) {
            return Optional.empty();
        }
        String takes = String.join(", ", allowed);
        String message = "Method Not Allowed: " + method + "; this path takes " + takes;
        Response refusal = ErrorResponses.forPath(request.path(), Response.Status.METHOD_NOT_ALLOWED, message, message);
        return Optional.of(Response.fromResponse(refusal).header(HttpHeaders.ALLOW, takes).build());
    }
}
