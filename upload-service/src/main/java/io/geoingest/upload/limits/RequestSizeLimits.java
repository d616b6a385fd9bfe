package io.geoingest.upload.limits;

import io.geoingest.common.http.RequestPaths;
import io.geoingest.common.limits.BodyLimits;
import io.geoingest.common.limits.BodyTooLarge;
import io.geoingest.common.limits.QuarkusBodyLimit;
import io.geoingest.common.limits.Sizes;
import io.geoingest.upload.UploadConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The body limits of the upload-service's endpoints. A request whose Content-Length is over its
 * limit is refused before a byte of its body is read, with the API's own error body: Quarkus' own
 * limit answers an empty 413, and without this a 100 MB direct upload over its limit would first
 * be written to disk. A client that sends {@code Expect: 100-continue} (curl does for large bodies)
 * does not even send it. Bodies without a Content-Length are counted as they are read: a chunk by
 * its endpoint itself; a direct upload's whole body, so that form parts its endpoint skips (parts
 * other than {@code file}) count as well as its file.
 */
@ApplicationScoped
public class RequestSizeLimits implements BodyLimits {
    /**
     * The 413 of the endpoints held to {@code geoingest.upload.request-max-size}, as documented:
     * the limit is configurable, so the answer names the one in force.
     */
    public static final String TOO_LARGE = "The request body is too large: at most 1 MiB unless configured otherwise"
            + " (geoingest.upload.request-max-size), whether it says its length or is sent in chunks";
    /** Room for the multipart framing and form fields around a file. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(RequestSizeLimits.class);
    private static final String DIRECT_UPLOAD = "/public/file/upload";
    private static final String CHUNK_UPLOAD = "/public/file/uploadChunk";

    @Inject
    UploadConfig config;

    @Inject
    BodyTooLarge tooLarge;

    @ConfigProperty(name = QuarkusBodyLimit.SETTING)
    MemorySize quarkusMaxBodySize;

    void install(@Observes Router router) {
        tooLarge.install(router, this);
    }

    /** The largest body is a chunk's, unless an operator made direct uploads or JSON calls larger. */
    void warnWhenQuarkusAnswersFirst(@Observes StartupEvent event) {
        long chunk = config.chunkMaxSize().asLongValue() + MULTIPART_OVERHEAD;
        long direct = config.directMaxSize().asLongValue() + MULTIPART_OVERHEAD;
        long request = config.requestMaxSize().asLongValue();
        long largest = Math.max(chunk, Math.max(direct, request));
        String setting = largest == chunk ? "geoingest.upload.chunk-max-size with its multipart framing"
                : largest == direct ? "geoingest.upload.direct-max-size with its multipart framing"
                : "geoingest.upload.request-max-size";
        QuarkusBodyLimit.answersFirst(quarkusMaxBodySize.asLongValue(), largest, setting).ifPresent(LOG::warn);
    }

    public static String directTooLarge(long maxSize) {
        return "The file is too large: a direct upload may be at most " + Sizes.describe(maxSize)
                + "; upload larger files in chunks (generateUploadId, uploadChunk, completeUpload)";
    }

    public static String chunkTooLarge(long maxSize) {
        return "The chunk is too large: a chunk may be at most " + Sizes.describe(maxSize);
    }

    /** A chunk is measured as it is spooled. */
    @Override
    public boolean measuredByEndpoint(String path) {
        return RequestPaths.endpoint(path).equals(CHUNK_UPLOAD);
    }

    @Override
    public long allowed(String path) {
        return switch (RequestPaths.endpoint(path)) {
            case DIRECT_UPLOAD -> config.directMaxSize().asLongValue() + MULTIPART_OVERHEAD;
            case CHUNK_UPLOAD -> config.chunkMaxSize().asLongValue() + MULTIPART_OVERHEAD;
            default -> config.requestMaxSize().asLongValue();
        };
    }

    @Override
    public String tooLargeFor(String path) {
        return switch (RequestPaths.endpoint(path)) {
            case DIRECT_UPLOAD -> directTooLarge(config.directMaxSize().asLongValue());
            case CHUNK_UPLOAD -> chunkTooLarge(config.chunkMaxSize().asLongValue());
            default -> BodyTooLarge.atMost(config.requestMaxSize().asLongValue());
        };
    }
}
