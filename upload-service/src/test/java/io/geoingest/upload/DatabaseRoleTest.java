package io.geoingest.upload;

import static io.geoingest.testing.RefusedByTheDatabase.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.testing.AsDatabaseOwner;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * The upload-service works in the database as its own role ({@code db/migration/afterMigrate.sql}): it
 * records files, uploads, keys and events; the catalog is the STAC API's and the worker's, and the
 * schema the migrations'. A fault or an injected statement in it cannot reach beyond that.
 */
@QuarkusTest
class DatabaseRoleTest {
    @Inject
    Flyway flyway;

    @Test
    void theUploadServiceCannotChangeTheSchemaOrTheCatalog() {
        assertRefused("drop table file");
        assertRefused("alter table upload add column stolen text");
        assertRefused("delete from stac_item");
        assertRefused("insert into stac_collection (id, created_at, updated_at) values ('x', now(), now())");
    }

    /**
     * The roles' grants run at every start that migrates; as a repeatable migration they added a
     * row to the schema history each time, thousands in a year of rolling restarts.
     */
    @Test
    void aStartThatMigratesAddsNothingToTheSchemaHistory() {
        long before = historyRows();
        flyway.migrate();
        assertEquals(before, historyRows());
    }

    /** Services and their replicas start together; each grants the roles as it migrates. */
    @Test
    void servicesMigratingAtOnceAllStart() throws Exception {
        ExecutorService starts = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                List<Future<MigrateResult>> migrations = new ArrayList<>();
                for (int service = 0; service < 4; service++) {
                    migrations.add(starts.submit(flyway::migrate));
                }
                for (Future<MigrateResult> migration : migrations) {
                    assertTrue(migration.get(1, TimeUnit.MINUTES).success);
                }
            }
        } finally {
            starts.shutdownNow();
        }
    }

    private static long historyRows() {
        return AsDatabaseOwner.call(() -> ((Number) Panache.getEntityManager()
                .createNativeQuery("select count(*) from flyway_schema_history").getSingleResult()).longValue());
    }
}
