package io.geoingest.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.error.ApiError;
import io.geoingest.common.error.StacError;
import io.geoingest.common.stac.StacPaths;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;

/**
 * Answers a request before anything read its body, with the error body of the API its path
 * belongs to, from a Vert.x route that runs ahead of Quarkus REST and its exception mappers; and
 * finishes such a request when Quarkus REST answers it ({@link #answeredBeforeTheBody}), so that
 * every refusal that leaves a body unread ends the request in the same way.
 */
@ApplicationScoped
public class EarlyRefusal {
    /** The code of an HTTP/2 reset that asks the client to stop sending and keep the answer (RFC 9113, 8.1). */
    private static final long NO_ERROR = 0;

    @Inject
    ObjectMapper json;

    @Inject
    Vertx vertx;

    @Inject
    ResourceRoutes routes;

    /**
     * Refuses the request of {@code context} with {@code status}; {@code path} decides the error format
     * and the request's label in the HTTP metrics.
     */
    public void refuse(RoutingContext context, String path, HttpResponseStatus status, String message) {
        refuse(context, path, status, message, message);
    }

    /**
     * As {@link #refuse(RoutingContext, String, HttpResponseStatus, String)}, for a refusal whose
     * file API message ({@code giqMessage}) and STAC description differ.
     */
    public void refuse(RoutingContext context, String path, HttpResponseStatus status, String giqMessage,
            String stacDescription) {
        Object body = StacPaths.isStacPath(path) ? new StacError(status.code(), stacDescription) : new ApiError(giqMessage);
        String encoded;
        try {
            encoded = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        // Quarkus REST, which labels a request for the HTTP metrics, never sees this one.
        routes.labelForMetrics(context.request(), path);
        context.response()
                .setStatusCode(status.code())
                .putHeader(HttpHeaderNames.CONTENT_TYPE, "application/json");
        PrivateAnswers.cacheControlFor(path).ifPresent(value -> context.response().putHeader(HttpHeaderNames.CACHE_CONTROL, value));
        answeredBeforeTheBody(context);
        context.response().end(encoded);
    }

    /**
     * Makes the answer about to be sent for the request of {@code context} finish that request
     * although its body was not read, or not all of it: on HTTP/1 an answer to a request with a
     * body says {@code Connection: close}, and the connection closes once the client stops sending
     * (see {@link UnreadBody#closeConnectionOnceDrained}); on HTTP/2 what still comes of the body is stopped
     * (see {@link #stopTheStreamsBody}). Called before the answer is sent, by {@link #refuse} and by
     * what answers through Quarkus REST (a filter, an exception mapper) before the body was read in
     * full; from any thread.
     */
    public void answeredBeforeTheBody(RoutingContext context) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response();
        if (request.version() == HttpVersion.HTTP_2) {
            context.addBodyEndHandler(sent -> onTheRequestsContext(request, () -> stopTheStreamsBody(request, response)));
        } else if (UnreadBody.isAnnounced(request)) {
            // The body was not read: the connection cannot carry another request after this answer.
            context.addHeadersEndHandler(head -> response.putHeader(HttpHeaderNames.CONNECTION, "close"));
            context.addBodyEndHandler(sent -> onTheRequestsContext(request,
                    () -> UnreadBody.closeConnectionOnceDrained(vertx, request)));
        }
    }

    /**
     * Runs {@code action} on the request's event loop, after the end of the answer was handed to
     * it: Quarkus REST ends an answer on a worker thread as well.
     */
    private void onTheRequestsContext(HttpServerRequest request, Runnable action) {
        Context requestContext = request instanceof HttpServerRequestInternal internal ? internal.context()
                : vertx.getOrCreateContext();
        requestContext.runOnContext(next -> action.run());
    }

    /**
     * An HTTP/2 connection carries other requests' streams, so only this request's stream ends:
     * what came of its body is dropped, which gives the flow-control credit back, and a body still
     * coming is stopped with a reset that leaves the answer to the client.
     */
    private void stopTheStreamsBody(HttpServerRequest request, HttpServerResponse response) {
        if (request.isEnded()) {
            return;
        }
        request.handler(dropped -> {
        });
        request.resume();
        // An end that came while the request was paused waits in it: the resume hands it over on the
        // event loop's next turn, so the check comes after that.
        vertx.runOnContext(next -> {
            if (!request.isEnded()) {
                response.reset(NO_ERROR);
            }
        });
    }
}
