package io.geoingest.testing;

import io.geoingest.common.auth.ApiKeys;
import io.geoingest.common.auth.Permission;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.UUID;

/** API keys for tests, stored the way the services store them: only the hash goes to the database. */
public final class TestApiKeys {
    private TestApiKeys() {
    }

    public static String create(String owner, Permission... permissions) {
        String key = ApiKeys.newKey();
        try (Connection connection = TestInfrastructure.get().connect();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into api_key (id, key_hash, owner, permissions, created_at) values (?, ?, ?, ?, now())")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, ApiKeys.hash(key));
            insert.setString(3, owner);
            insert.setArray(4, connection.createArrayOf("text",
                    Arrays.stream(permissions).map(Permission::value).toArray()));
            insert.executeUpdate();
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
