package io.geoingest.worker;

import static io.geoingest.testing.RefusedByTheDatabase.assertRefused;
import static io.geoingest.testing.SchemaValidationAtStart.assertStartsOnlyOnACurrentSchema;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The processing-worker works in the database as its own role ({@code db/migration/afterMigrate.sql}): it
 * claims and completes files and catalogues them; keys, uploads and the schema are not its own. A
 * fault or an injected statement in it cannot reach beyond that.
 */
@QuarkusTest
class DatabaseRoleTest {
    /** In Kubernetes it does not migrate: it validates at start, as its role, and must be able to. */
    @Test
    void itStartsOnlyOnASchemaThatHoldsItsMigrations() {
        assertStartsOnlyOnACurrentSchema();
    }

    @Test
    void theWorkerCannotChangeKeysUploadsOrTheSchema() {
        assertRefused("drop table file");
        assertRefused("delete from file");
        assertRefused("update api_key set last_used_at = now()");
        assertRefused("update upload set status = 'aborted'");
        assertRefused("delete from stac_item");
    }
}
