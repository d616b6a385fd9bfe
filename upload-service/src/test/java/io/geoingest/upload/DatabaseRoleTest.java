package io.geoingest.upload;

import static io.geoingest.testing.RefusedByTheDatabase.assertRefused;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The upload-service works in the database as its own role ({@code R__service_roles.sql}): it
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
}
