package io.geoingest.common.limits;

import io.geoingest.common.http.EarlyRefusal;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Refuses a request whose declared body is over the limit of its path before a byte of it is read,
 * with the error body of the API the path belongs to: Quarkus' own limit answers an empty 413.
 */
@ApplicationScoped
public class BodyTooLarge {
    /** Before Quarkus' own check of the body size, which runs at order -2. */
    private static final int ROUTE_ORDER = -3;

    @Inject
    EarlyRefusal refusal;

    /**
     * Checks every request against {@code allowed} (the bytes its path takes) before anything else
     * reads it; {@code message} says why one is refused.
     */
    public void install(Router router, ToLongFunction<String> allowed, Function<String, String> message) {
        router.route().order(ROUTE_ORDER).handler(context -> {
            String path = context.normalizedPath();
            if (declaredLength(context).orElse(0) > allowed.applyAsLong(path)) {
                refusal.refuse(context, path, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, message.apply(path));
            } else {
                context.next();
            }
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
