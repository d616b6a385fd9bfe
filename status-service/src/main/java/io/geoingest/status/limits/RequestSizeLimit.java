package io.geoingest.status.limits;

import io.geoingest.common.limits.BodyLimits;
import io.geoingest.common.limits.BodyTooLarge;
import io.geoingest.common.limits.Sizes;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refuses a request body over {@code geoingest.status.request-max-size} in the API's error format,
 * before it is read when it says its length, as soon as it is over otherwise. The bodies this
 * service takes are STAC documents and searches, held in memory several times over while they are
 * parsed (a GeoJSON geometry as a tree, as text and as JTS objects): a few searches with a 5 MB
 * polygon at once took its heap.
 */
@ApplicationScoped
public class RequestSizeLimit implements BodyLimits {
    /** As documented: the limit is configurable, so the answer names the one in force. */
    public static final String TOO_LARGE = "The request body is too large: at most 1 MiB unless configured otherwise"
            + " (geoingest.status.request-max-size), whether it says its length or is sent in chunks";

    static final String MAX_SIZE = "geoingest.status.request-max-size";
    static final String QUARKUS_MAX_SIZE = "quarkus.http.limits.max-body-size";
    private static final Logger LOG = Logger.getLogger(RequestSizeLimit.class);

    @ConfigProperty(name = MAX_SIZE)
    MemorySize maxBodySize;

    @ConfigProperty(name = QUARKUS_MAX_SIZE)
    MemorySize quarkusMaxBodySize;

    @Inject
    BodyTooLarge tooLarge;

    void install(@Observes Router router) {
        tooLarge.install(router, this);
    }

    void warnWhenQuarkusAnswersFirst(@Observes StartupEvent event) {
        quarkusAnswersFirst(quarkusMaxBodySize.asLongValue(), maxBodySize.asLongValue()).ifPresent(LOG::warn);
    }

    /**
     * The warning for a Quarkus body limit that is not above ours, if it is not: Quarkus then
     * refuses large bodies first, with an empty 413 instead of the STAC API's (it counts a body sent
     * in chunks as it arrives, ahead of what this service has read of it), and no log says why.
     */
    static Optional<String> quarkusAnswersFirst(long quarkusMaxBytes, long maxBytes) {
        if (quarkusMaxBytes > maxBytes) {
            return Optional.empty();
        }
        return Optional.of(QUARKUS_MAX_SIZE + " (" + Sizes.describe(quarkusMaxBytes) + ") is not greater than " + MAX_SIZE
                + " (" + Sizes.describe(maxBytes) + "): Quarkus refuses large bodies first, with an empty 413 instead of"
                + " the STAC API's error; set " + QUARKUS_MAX_SIZE + " well above " + MAX_SIZE);
    }

    @Override
    public long allowed(String path) {
        return maxBodySize.asLongValue();
    }

    @Override
    public String tooLargeFor(String path) {
        return BodyTooLarge.atMost(maxBodySize.asLongValue());
    }
}
