package io.geoingest.status.limits;

import io.geoingest.common.limits.BodyLimits;
import io.geoingest.common.limits.BodyTooLarge;
import io.geoingest.common.limits.QuarkusBodyLimit;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
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

    private static final String MAX_SIZE = "geoingest.status.request-max-size";
    private static final Logger LOG = Logger.getLogger(RequestSizeLimit.class);

    @ConfigProperty(name = MAX_SIZE)
    MemorySize maxBodySize;

    @ConfigProperty(name = QuarkusBodyLimit.SETTING)
    MemorySize quarkusMaxBodySize;

    @Inject
    BodyTooLarge tooLarge;

    void install(@Observes Router router) {
        tooLarge.install(router, this);
    }

    void warnWhenQuarkusAnswersFirst(@Observes StartupEvent event) {
        QuarkusBodyLimit.answersFirst(quarkusMaxBodySize.asLongValue(), maxBodySize.asLongValue(), MAX_SIZE)
                .ifPresent(LOG::warn);
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
