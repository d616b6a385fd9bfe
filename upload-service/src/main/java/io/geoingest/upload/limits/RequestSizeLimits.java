package io.geoingest.upload.limits;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.error.ApiError;
import io.geoingest.common.error.ErrorResponses;
import io.geoingest.common.error.StacError;
import io.geoingest.upload.UploadConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Refuses a request whose Content-Length is over the limit of its endpoint before a byte of its
 * body is read, with the API's own error body: Quarkus' own limit answers an empty 413, and
 * without this a 100 MB direct upload over its limit would first be written to disk. A client
 * that sends {@code Expect: 100-continue} (curl does for large bodies) does not even send it.
 * Bodies without a Content-Length are measured once read, by the endpoints themselves.
 */
@ApplicationScoped
public class RequestSizeLimits {
    /** Room for the multipart framing and form fields around a file. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;
    /** Before Quarkus' own check of the body size, which runs at order -2. */
    private static final int ORDER = -3;
    private static final String DIRECT_UPLOAD = "/public/file/upload";
    private static final String CHUNK_UPLOAD = "/public/file/uploadChunk";
    private static final Duration DRAIN_AT_MOST = Duration.ofSeconds(5);

    @Inject
    UploadConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    Vertx vertx;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    public static String directTooLarge(long maxSize) {
        return "The file is too large: a direct upload may be at most " + Sizes.describe(maxSize)
                + "; upload larger files in chunks (generateUploadId, uploadChunk, completeUpload)";
    }

    public static String chunkTooLarge(long maxSize) {
        return "The chunk is too large: a chunk may be at most " + Sizes.describe(maxSize);
    }

    private void check(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (declared != null) {
            try {
                long length = Long.parseLong(declared.trim());
                String path = context.normalizedPath();
                if (length > allowed(path)) {
                    refuse(context, path);
                    return;
                }
            } catch (NumberFormatException e) {
                // not a length: the HTTP server itself answers that request
            }
        }
        context.next();
    }

    private long allowed(String path) {
        return switch (path) {
            case DIRECT_UPLOAD -> config.directMaxSize().asLongValue() + MULTIPART_OVERHEAD;
            case CHUNK_UPLOAD -> config.chunkMaxSize().asLongValue() + MULTIPART_OVERHEAD;
            default -> config.requestMaxSize().asLongValue();
        };
    }

    private void refuse(RoutingContext context, String path) {
        String message = switch (path) {
            case DIRECT_UPLOAD -> directTooLarge(config.directMaxSize().asLongValue());
            case CHUNK_UPLOAD -> chunkTooLarge(config.chunkMaxSize().asLongValue());
            default -> "The request body is too large: at most " + Sizes.describe(config.requestMaxSize().asLongValue());
        };
        Object body = ErrorResponses.isStacPath(path)
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
