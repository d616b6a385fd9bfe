package io.geoingest.testing.infra;

import io.geoingest.common.auth.ApiKeys;
import io.geoingest.common.auth.Permission;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.UUID;

/** Stores a known API key straight in the database, the way the services do: only its hash. */
public final class ApiKeyRows {
    private ApiKeyRows() {
    }

    /** Inserts the key unless a key with the same hash is already stored. */
    public static void insert(Connection connection, String key, String owner, Permission... permissions)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into api_key (id, key_hash, owner, permissions, created_at) values (?, ?, ?, ?, now())
                on conflict (key_hash) do nothing""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, ApiKeys.hash(key));
            insert.setString(3, owner);
            insert.setArray(4, connection.createArrayOf("text", Arrays.stream(permissions).map(Permission::value).toArray()));
            insert.executeUpdate();
        }
    }

    /** Revokes the key, as an admin's DELETE of it does. */
    public static void revoke(Connection connection, String key) throws SQLException {
        try (PreparedStatement revoke = connection.prepareStatement(
                "update api_key set revoked_at = now() where key_hash = ? and revoked_at is null")) {
            revoke.setString(1, ApiKeys.hash(key));
            revoke.executeUpdate();
        }
    }
}
