package io.geoingest.common.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumSet;
import org.jboss.logging.Logger;

/** Creates the configured first admin key at start, so a fresh install is usable. */
@ApplicationScoped
public class BootstrapAdminKey {
    private static final Logger LOG = Logger.getLogger(BootstrapAdminKey.class);

    @Inject
    AuthConfig config;

    @Inject
    ApiKeyService apiKeys;

    void onStart(@Observes StartupEvent event) {
        config.bootstrapAdminKey().filter(key -> !key.isBlank()).ifPresent(key -> {
            apiKeys.ensureExists(key, config.bootstrapAdminOwner(), EnumSet.allOf(Permission.class));
            LOG.infof("Bootstrap admin key for owner '%s' is in place", config.bootstrapAdminOwner());
        });
    }
}
