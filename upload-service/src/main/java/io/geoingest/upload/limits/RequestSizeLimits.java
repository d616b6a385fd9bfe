package io.geoingest.upload.limits;

import io.geoingest.common.limits.BodyTooLarge;
import io.geoingest.common.limits.Sizes;
import io.geoingest.upload.UploadConfig;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

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
    private static final String DIRECT_UPLOAD = "/public/file/upload";
    private static final String CHUNK_UPLOAD = "/public/file/uploadChunk";

    @Inject
    UploadConfig config;

    @Inject
    BodyTooLarge tooLarge;

    void install(@Observes Router router) {
        tooLarge.install(router, this::allowed, this::tooLargeFor);
    }

    public static String directTooLarge(long maxSize) {
        return "The file is too large: a direct upload may be at most " + Sizes.describe(maxSize)
                + "; upload larger files in chunks (generateUploadId, uploadChunk, completeUpload)";
    }

    public static String chunkTooLarge(long maxSize) {
        return "The chunk is too large: a chunk may be at most " + Sizes.describe(maxSize);
    }

    /**
     * Whether the endpoint of the path reads its body as a stream and measures what it stores
     * itself (the file of a direct upload, a chunk), rather than leaving the body to Quarkus.
     */
    boolean measuredByEndpoint(String path) {
        String endpoint = endpoint(path);
        return endpoint.equals(DIRECT_UPLOAD) || endpoint.equals(CHUNK_UPLOAD);
    }

    long allowed(String path) {
        return switch (endpoint(path)) {
            case DIRECT_UPLOAD -> config.directMaxSize().asLongValue() + MULTIPART_OVERHEAD;
            case CHUNK_UPLOAD -> config.chunkMaxSize().asLongValue() + MULTIPART_OVERHEAD;
            default -> config.requestMaxSize().asLongValue();
        };
    }

    String tooLargeFor(String path) {
        return switch (endpoint(path)) {
            case DIRECT_UPLOAD -> directTooLarge(config.directMaxSize().asLongValue());
            case CHUNK_UPLOAD -> chunkTooLarge(config.chunkMaxSize().asLongValue());
            default -> BodyTooLarge.atMost(config.requestMaxSize().asLongValue());
        };
    }

    /**
     * The endpoint's path as the limits name it: Quarkus REST routes {@code /public/file/upload/}
     * to the direct upload too, which was held to the 1 MiB of a JSON call.
     */
    private static String endpoint(String path) {
        String endpoint = path;
        while (endpoint.length() > 1 && endpoint.endsWith("/")) {
            endpoint = endpoint.substring(0, endpoint.length() - 1);
        }
        return endpoint;
    }
}
