package io.geoingest.common.limits;

import io.geoingest.common.http.EarlyRefusal;
import io.geoingest.common.http.RequestPaths;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Holds every request to the body limit of its path, with the error body of the API the path
 * belongs to: Quarkus' own limit answers an empty 413. A body that says its length is refused
 * before a byte of it is read; one that does not is counted as it is read, by
 * {@link UndeclaredBodyLimit}.
 */
@ApplicationScoped
public class BodyTooLarge {
    /** Before Quarkus' own check of the body size, which runs at order -2. */
    public static final int ROUTE_ORDER = -3;
    private static final Set<HttpMethod> METHODS_WITH_BODIES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    @Inject
    EarlyRefusal refusal;

    /** Checks every request against {@code limits} before anything else reads it. */
    public void install(Router router, BodyLimits limits) {
        router.route().order(ROUTE_ORDER).handler(context -> {
            String path = RequestPaths.of(context.request());
            OptionalLong declared = declaredLength(context);
            if (declared.isPresent() && declared.getAsLong() > limits.allowed(path)) {
                refusal.refuse(context, path, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, limits.tooLargeFor(path));
                return;
            }
            if (declared.isEmpty() && METHODS_WITH_BODIES.contains(context.request().method())
                    && !limits.measuredByEndpoint(path)) {
                UndeclaredBodyLimit.holdTo(context, limits.allowed(path), limits.tooLargeFor(path));
            }
            context.next();
        });
    }

    /** The message for a body over a limit of {@code maxBytes}. */
    public static String atMost(long maxBytes) {
        return "The request body is too large: at most " + Sizes.describe(maxBytes);
    }

    /** The Content-Length of the request, when it has one that is a number (the HTTP server answers the others). */
    private static OptionalLong declaredLength(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (declared != null) {
            try {
                return OptionalLong.of(Long.parseLong(declared.trim()));
            } catch (NumberFormatException e) {
                // not a length
            }
        }
        return OptionalLong.empty();
    }
}
