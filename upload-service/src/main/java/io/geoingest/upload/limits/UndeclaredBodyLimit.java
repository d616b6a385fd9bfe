package io.geoingest.upload.limits;

import io.geoingest.common.error.ErrorResponses;
import io.geoingest.common.http.EarlyRefusal;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpUtils;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Holds a body that does not say how long it is (HTTP/1.1 chunked, or HTTP/2 without a
 * content-length) to the limit of its path as it is read. {@link RequestSizeLimits} refuses a
 * body from its Content-Length, and Quarkus' own limit stays at 5 GiB for the chunks: without this,
 * a completeUpload of a few hundred megabytes of JSON sent in chunks was parsed whole and took the
 * service's heap, and every upload in progress with it.
 */
public class UndeclaredBodyLimit {
    /**
     * The 413 of the endpoints held to {@code geoingest.upload.request-max-size}, as documented:
     * the limit is configurable, so the answer names the one in force.
     */
    public static final String TOO_LARGE = "The request body is too large: at most 1 MiB unless configured otherwise"
            + " (geoingest.upload.request-max-size), whether it says its length or is sent in chunks";
    private static final Set<HttpMethod> METHODS_WITH_BODIES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    @Inject
    RequestSizeLimits limits;

    @Inject
    EarlyRefusal refusal;

    @ServerRequestFilter
    public void limitBodyOfUnknownLength(ContainerRequestContext context, HttpServerRequest request) {
        // as RequestSizeLimits sees it: the limits are per path, which the HTTP layer normalises before routing
        String path = HttpUtils.normalizePath(request.path());
        if (request.getHeader(HttpHeaderNames.CONTENT_LENGTH) != null || !METHODS_WITH_BODIES.contains(request.method())
                || request.isEnded() || limits.measuredByEndpoint(path)) {
            return;
        }
        context.setEntityStream(new LimitedBody(context.getEntityStream(), limits.allowed(path), limits.tooLargeFor(path)));
    }

    /**
     * In the format of the API the path belongs to. The rest of the body is not read: the request
     * ends as {@link EarlyRefusal} ends one it refuses before its body, so that a proxy in front
     * keeps the answer.
     */
    @ServerExceptionMapper
    public Response tooLarge(BodyOverLimit overLimit, HttpServerRequest request, RoutingContext context) {
        refusal.answeredBeforeTheBody(context);
        return ErrorResponses.forPath(request.path(), Response.Status.REQUEST_ENTITY_TOO_LARGE,
                overLimit.getMessage(), overLimit.getMessage());
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

    /** A body that fails once more than {@code limit} bytes of it are read. */
    static final class LimitedBody extends FilterInputStream {
        private final long limit;
        private final String message;
        private long read;

        LimitedBody(InputStream body, long limit, String message) {
            super(body);
            this.limit = limit;
            this.message = message;
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
            if (read > limit) {
                throw new BodyOverLimit(message);
            }
        }
    }
}
