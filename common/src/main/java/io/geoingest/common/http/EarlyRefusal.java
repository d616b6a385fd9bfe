package io.geoingest.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.error.ApiError;
import io.geoingest.common.error.StacError;
import io.geoingest.common.stac.StacPaths;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Answers a request before anything read its body, with the error body of the API its path
 * belongs to, from a Vert.x route that runs ahead of Quarkus REST and its exception mappers.
 */
@ApplicationScoped
public class EarlyRefusal {
    private static final Duration DRAIN_AT_MOST = Duration.ofSeconds(5);

    @Inject
    ObjectMapper json;

    @Inject
    Vertx vertx;

    /** Refuses the request of {@code context} with {@code status}; {@code path} decides the error format. */
    public void refuse(RoutingContext context, String path, HttpResponseStatus status, String message) {
        Object body = StacPaths.isStacPath(path) ? new StacError(status.code(), message) : new ApiError(message);
        String encoded;
        try {
            encoded = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        // The body was not read: the connection cannot carry another request after this answer.
        HttpServerRequest request = context.request();
        context.response()
                .setStatusCode(status.code())
                .putHeader(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaderNames.CONNECTION, "close")
                .end(encoded)
                .onComplete(ended -> closeOnceTheClientStops(request));
    }

    /**
     * Closing a connection while its body still arrives resets it, and the reset can overtake the
     * answer: a proxy in front (the gateway, an Ingress) then loses it and answers 502. So the rest
     * of the body, if any, is read and dropped until the client stops sending (clients stop once they see
     * the answer) or for {@link #DRAIN_AT_MOST}, whichever comes first.
     */
    private void closeOnceTheClientStops(HttpServerRequest request) {
        if (request.isEnded()) {
            request.connection().close();
            return;
        }
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
