package io.geoingest.status.stac;

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
 * A method that a path of the STAC API does not take is a 405 with the methods it takes. Quarkus
 * REST answers 404 instead when resource classes share the start of the path (POST on
 * {@code /collections/{c}/items}, which /collections shares), as it only looks for other methods
 * in the last class it tries; so this is decided before it routes.
 */
public class MethodNotAllowed {

    @Inject
    StacRoutes routes;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseMethodsThePathDoesNotTake(HttpServerRequest request) {
        String method = request.method().name();
        if (!request.path().startsWith(StacApi.BASE_PATH) || method.equals(HttpMethod.OPTIONS)) {
            return Optional.empty();
        }
        Set<String> allowed = routes.methodsOf(request.path());
        if (allowed.isEmpty() || allowed.contains(method) || method.equals(HttpMethod.HEAD) && allowed.contains(HttpMethod.GET)) {
            return Optional.empty();
        }
        Response refusal = ErrorResponses.stac(Response.Status.METHOD_NOT_ALLOWED,
                "Method Not Allowed: " + method + "; this path takes " + String.join(", ", allowed));
        return Optional.of(Response.fromResponse(refusal).header(HttpHeaders.ALLOW, String.join(", ", allowed)).build());
    }
}
