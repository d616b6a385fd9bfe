package io.geoingest.common.auth;

import io.geoingest.common.error.DatabaseRefusals;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Set;
import org.jboss.logging.Logger;

/** Creates the configured first admin key at start, so a fresh install is usable. */
@ApplicationScoped
public class BootstrapAdminKey {
    private static final Logger LOG = Logger.getLogger(BootstrapAdminKey.class);
    /** As long as 24 random bytes in base64, or 16 in hex. */
    static final int MIN_LENGTH = 32;

    @Inject
    AuthConfig config;

    @Inject
    ApiKeyService apiKeys;

    void onStart(@Observes StartupEvent event) {
        config.bootstrapAdminKey().filter(key -> !key.isBlank()).ifPresent(this::ensureStored);
    }

    /**
     * Stores {@code key} as an admin key of the configured owner unless it is stored. The key is
     * the upload-service's to make: a service whose database role may only read keys warns and
     * starts, where the refused insert stopped its start. A key shorter than the ones the suite
     * makes stops the start: an operator's short word would be an admin key that can be guessed,
     * and its unsalted hash looked up.
     */
    public void ensureStored(String key) {
        if (key.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("geoingest.auth.bootstrap-admin-key must be at least " + MIN_LENGTH
                    + " characters long, and has " + key.strip().length() + ": make one with `openssl rand -hex 32`");
        }
        try {
            apiKeys.ensureExists(key, config.bootstrapAdminOwner(), EnumSet.allOf(Permission.class));
            LOG.infof("Bootstrap admin key for owner '%s' is in place", config.bootstrapAdminOwner());
        } catch (RuntimeException e) {
            if (!DatabaseRefusals.refusedWith(e, Set.of(DatabaseRefusals.INSUFFICIENT_PRIVILEGE))) {
                throw e;
            }
            LOG.warn("This service's database role may not create the bootstrap admin key; it is made by the"
                    + " upload-service (give geoingest.auth.bootstrap-admin-key to that one only)");
        }
    }
}
