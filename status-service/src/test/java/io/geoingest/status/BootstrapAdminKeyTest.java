package io.geoingest.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.geoingest.common.auth.ApiKeys;
import io.geoingest.common.auth.BootstrapAdminKey;
import io.geoingest.testing.AsDatabaseOwner;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The first admin key is the upload-service's to make; the status-service's role may only read
 * keys. Given the key as well (one setting for every service, as many deployments have it), the
 * status-service starts, where the refused insert stopped its start, and stores nothing.
 */
@QuarkusTest
class BootstrapAdminKeyTest {

    @Inject
    BootstrapAdminKey bootstrap;

    @Test
    void theStatusServiceGivenTheBootstrapKeyGoesOnWithoutStoringIt() {
        String key = "giq_bootstrap-" + UUID.randomUUID();

        bootstrap.ensureStored(key);

        long stored = AsDatabaseOwner.call(() -> ((Number) Panache.getEntityManager()
                .createNativeQuery("select count(*) from api_key where key_hash = ?1")
                .setParameter(1, ApiKeys.hash(key)).getSingleResult()).longValue());
        assertEquals(0, stored);
    }

    /** A short word an operator picked would be an admin key anyone could guess: the start stops, saying why. */
    @Test
    void aShortBootstrapKeyIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> bootstrap.ensureStored("  giq_secret-admin-password-1  "));

        assertEquals("geoingest.auth.bootstrap-admin-key must be at least 32 characters long, and has 27:"
                + " make one with `openssl rand -hex 32`", refused.getMessage());
    }
}
