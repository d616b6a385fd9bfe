package io.geoingest.upload;

import static io.geoingest.testing.RefusedByTheDatabase.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.geoingest.testing.AsDatabaseOwner;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The upload-service works in the database as its own role ({@code db/migration/afterMigrate.sql}): it
 * records files, uploads, keys and events; the catalog is the STAC API's and the worker's, and the
 * schema the migrations'. A fault or an injected statement in it cannot reach beyond that.
 */
@QuarkusTest
class DatabaseRoleTest {

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
    void grantingTheRolesAtEachStartLeavesNoTraceInTheSchemaHistory() {
        List<?> unversioned = AsDatabaseOwner.call(() -> Panache.getEntityManager()
                .createNativeQuery("select script from flyway_schema_history where version is null").getResultList());
        assertEquals(List.of(), unversioned);
    }
}
