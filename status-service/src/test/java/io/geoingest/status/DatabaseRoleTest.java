package io.geoingest.status;

import static io.geoingest.testing.RefusedByTheDatabase.assertRefused;
import static io.geoingest.testing.SchemaValidationAtStart.assertStartsOnlyOnACurrentSchema;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The status-service works in the database as its own role ({@code db/migration/afterMigrate.sql}): it
 * reads files and serves the catalog; files, keys, events and uploads in progress are the other
 * services'. A fault or an injected statement in it cannot reach beyond that.
 */
@QuarkusTest
class DatabaseRoleTest {
    /** In Kubernetes it does not migrate: it validates at start, as its role, and must be able to. */
    @Test
    void itStartsOnlyOnASchemaThatHoldsItsMigrations() {
        assertStartsOnlyOnACurrentSchema();
    }

    @Test
    void theStatusServiceCannotChangeFilesKeysEventsOrTheSchema() {
        assertRefused("drop table stac_item");
        assertRefused("update file set status = 'COMPLETED'");
        assertRefused("delete from api_key");
        assertRefused("update api_key set revoked_at = null");
        assertRefused("update api_key set permissions = '{files_admin}'");
        assertRefused("delete from outbox");
        assertRefused("delete from upload");
    }
}
