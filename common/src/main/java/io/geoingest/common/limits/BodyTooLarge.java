package io.geoingest.common.limits;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.error.ApiError;
import io.geoingest.common.error.ErrorResponses;
import io.geoingest.common.error.StacError;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.Duration;
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
    private static final Duration DRAIN_AT_MOST = Duration.ofSeconds(5);

    @Inject
    ObjectMapper json;

    @Inject
    Vertx vertx;

    /**
     * Checks every request against {@code allowed} (the bytes its path takes) before anything else
     * reads it; {@code message} says why one is refused.
     */
    public void install(Router router, ToLongFunction<String> allowed, Function<String, String> message) {
        router.route().order(ROUTE_ORDER).handler(context -> {
            String path = context.normalizedPath();
            if (declaredLength(context).orElse(0) > allowed.applyAsLong(path)) {
                refuse(context, message.apply(path));
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

    private void refuse(RoutingContext context, String message) {
        Object body = ErrorResponses.isStacPath(context.normalizedPath())
                ? new StacError(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code(), message)
                : new ApiError(message);
        String encoded;
        try {
            encoded = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        // The body was not read: the connection cannot carry another request after this answer.
        HttpServerRequest request = context.request();
        context.response()
                .setStatusCode(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code())
                .putHeader(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaderNames.CONNECTION, "close")
                .end(encoded)
                .onComplete(ended -> closeOnceTheClientStops(request));
    }

    /**
     * Closing a connection while its body still arrives resets it, and the reset can overtake the
     * answer: a proxy in front (the gateway, an Ingress) then loses the 413 and answers 502. So the
     * rest of the body is read and dropped until the client stops sending (clients stop once they
     * see the answer) or for {@link #DRAIN_AT_MOST}, whichever comes first.
     */
    private void closeOnceTheClientStops(HttpServerRequest request) {
        long deadline = vertx.setTimer(DRAIN_AT_MOST.toMillis(), timer -> request.connection().close());
        request.handler(dropped -> {
        });
        request.endHandler(end -> {
            vertx.cancelTimer(deadline);
            request.connection().close();
        });
        request.resume();
    }
}
