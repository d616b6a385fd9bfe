package io.geoingest.common.limits;

import io.geoingest.common.error.ErrorResponses;
import io.geoingest.common.http.EarlyRefusal;
import io.geoingest.common.http.RequestPaths;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Holds a body that does not say how long it is (HTTP/1.1 chunked, or HTTP/2 without a
 * content-length) to the limit of its path as it is read, where {@link BodyTooLarge} noted one.
 * Quarkus' own limit, which the services keep above theirs, would answer such a body with an empty
 * 413; and in the upload-service it stays at 5 GiB for the chunks, where a completeUpload of a few
 * hundred megabytes of JSON sent in chunks was parsed whole and took the service's heap.
 */
public class UndeclaredBodyLimit {
    private static final String LIMIT = UndeclaredBodyLimit.class.getName();

    @Inject
    EarlyRefusal refusal;

    /** Has the body of the request of {@code context} held to {@code bytes} once Quarkus REST reads it. */
    static void holdTo(RoutingContext context, long bytes, String message) {
        context.put(LIMIT, new Limit(bytes, message));
    }

    @ServerRequestFilter
    public void limitBodyOfUnknownLength(ContainerRequestContext request, HttpServerRequest http, RoutingContext context) {
        Limit limit = context.get(LIMIT);
        if (limit != null && !http.isEnded()) {
            request.setEntityStream(new LimitedBody(request.getEntityStream(), limit));
        }
    }

    /**
     * In the format of the API the path belongs to. The rest of the body is not read: the request
     * ends as {@link EarlyRefusal} ends one it refuses before its body, so that a proxy in front
     * keeps the answer.
     */
    @ServerExceptionMapper
    public Response tooLarge(BodyOverLimit overLimit, HttpServerRequest request, RoutingContext context) {
        refusal.answeredBeforeTheBody(context);
        return ErrorResponses.forPath(RequestPaths.of(request), Response.Status.REQUEST_ENTITY_TOO_LARGE,
                overLimit.getMessage(), overLimit.getMessage());
    }

    private record Limit(long bytes, String message) {
    }

    /**
     * Thrown by the body once it goes past its limit. An IOException, as a failing stream's are:
     * Jackson passes those on as they are, where it would wrap an unchecked one in a mapping error
     * of the field it was reading (a 400 that blames the field).
     */
    public static final class BodyOverLimit extends IOException {
        BodyOverLimit(String message) {
            super(message);
        }
    }

    /** A body that fails once more than its limit is read. */
    private static final class LimitedBody extends FilterInputStream {
        private final Limit limit;
        private long read;

        LimitedBody(InputStream body, Limit limit) {
            super(body);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            int count = super.read(target, offset, length);
            if (count > 0) {
                counted(count);
            }
            return count;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long bytes) throws BodyOverLimit {
            read += bytes;
            if (read > limit.bytes()) {
                throw new BodyOverLimit(limit.message());
            }
        }
    }
}
