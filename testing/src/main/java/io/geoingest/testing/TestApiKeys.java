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

    /** Revokes a key made here, as {@code DELETE /public/auth/api-keys/{id}} does. */
    public static void revoke(String key) {
        try (Connection connection = TestInfrastructure.get().connect()) {
            ApiKeyRows.revoke(connection, key);
        } catch (SQLException e) {
            throw new IllegalStateException("could not revoke a test API key", e);
        }
    }

    public static String admin() {
        return create("admin-" + UUID.randomUUID(), Permission.FILES_ADMIN, Permission.FILES_UPLOAD);
    }

    public static String uploader(String owner) {
        return create(owner, Permission.FILES_UPLOAD);
    }
}
