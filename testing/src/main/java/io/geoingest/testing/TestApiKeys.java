package io.geoingest.testing;

import io.geoingest.common.auth.ApiKeys;
import io.geoingest.common.auth.Permission;
import io.geoingest.testing.infra.ApiKeyRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/** API keys for tests, stored the way the services store them: only the hash goes to the database. */
public final class TestApiKeys {
    private TestApiKeys() {
    }

    public static String create(String owner, Permission... permissions) {
        String key = ApiKeys.newKey();
        try (Connection connection = TestInfrastructure.get().connect()) {
            ApiKeyRows.insert(connection, key, owner, permissions);
        } catch (SQLException e) {
            throw new IllegalStateException("could not store a test API key", e);
        }
        return key;
    }

    public static String admin() {
        return create("admin-" + UUID.randomUUID(), Permission.FILES_ADMIN, Permission.FILES_UPLOAD);
    }

    public static String uploader(String owner) {
        return create(owner, Permission.FILES_UPLOAD);
    }
}
