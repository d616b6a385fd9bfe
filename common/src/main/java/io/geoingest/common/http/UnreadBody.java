package io.geoingest.common.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What is left of an HTTP/1 request's body once it was answered before the body was read (a 413 of
 * an upload over the limit, a 401): the services and the gateway end such a connection the same way.
 */
public final class UnreadBody {
    static final Duration DRAIN_AT_MOST = Duration.ofSeconds(5);
    /** Clients stop sending once they see the answer; one that does not is cut off after this much. */
    static final long DRAIN_AT_MOST_BYTES = 64L << 20;

    private UnreadBody() {
    }

    /** Whether an HTTP/1 request is followed by a body (RFC 9112, 6.3: a length above 0, or chunks). */
    public static boolean isAnnounced(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
        return request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)
                || length != null && !length.trim().equals("0");
    }

    /**
     * Closes the connection of {@code request} once its answer is sent. Closing while the body
     * still arrives resets the connection, and the reset can overtake the answer: curl then reports
     * "Send failure: Broken pipe" instead of the status, and a proxy in front answers 502. So the
     * rest of the body is read and dropped until the client stops sending, or for
     * {@link #DRAIN_AT_MOST} or {@link #DRAIN_AT_MOST_BYTES}, whichever comes first. Runs on the
     * request's event loop.
     */
    public static void closeConnectionOnceDrained(Vertx vertx, HttpServerRequest request) {
        if (request.isEnded()) {
            request.connection().close();
            return;
        }
        long deadline = vertx.setTimer(DRAIN_AT_MOST.toMillis(), elapsed -> request.connection().close());
        AtomicLong dropped = new AtomicLong();
        request.handler(piece -> {
            if (dropped.addAndGet(piece.length()) > DRAIN_AT_MOST_BYTES) {
                vertx.cancelTimer(deadline);
                request.connection().close();
            }
        });
        request.endHandler(end -> {
            vertx.cancelTimer(deadline);
            request.connection().close();
        });
        request.resume();
    }
}
