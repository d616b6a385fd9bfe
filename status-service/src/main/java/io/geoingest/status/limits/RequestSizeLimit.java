package io.geoingest.status.limits;

import io.geoingest.common.limits.BodyTooLarge;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request body over {@code quarkus.http.limits.max-body-size} before it is read, in the
 * API's error format. The bodies this service takes are STAC documents and searches, held in
 * memory several times over while they are parsed (a GeoJSON geometry as a tree, as text and as
 * JTS objects): a few searches with a 5 MB polygon at once took its heap.
 */
@ApplicationScoped
public class RequestSizeLimit {
    /** As documented: the limit is configurable, so the answer names the one in force. */
    public static final String TOO_LARGE = "The request body is too large: at most 1 MiB unless configured otherwise";

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @Inject
    BodyTooLarge tooLarge;

    void install(@Observes Router router) {
        long allowed = maxBodySize.asLongValue();
        String message = BodyTooLarge.atMost(allowed);
        tooLarge.install(router, path -> allowed, path -> message);
    }
}
