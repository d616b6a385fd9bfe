package io.geoingest.upload;

import io.geoingest.testing.TestInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Rows of the database as the other services will read them. */
public final class FileRows {
    private FileRows() {
    }

    public static Optional<Map<String, Object>> file(UUID id) {
        return row("select * from file where id = ?", id);
    }

    public static Optional<Map<String, Object>> upload(String id) {
        return row("select * from upload where id = ?", id);
    }

    public static long count(String sql, Object... parameters) {
        return (Long) row(sql, parameters).orElseThrow().values().iterator().next();
    }

    public static void execute(String sql, Object... parameters) {
        try (Connection connection = TestInfrastructure.get().connect();
             PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * From now on the database refuses to record a file of this name (a trigger, as the database's
     * owner): a recording that fails for real, whatever the service tried.
     */
    public static void refuseFilesNamed(String originalName) {
        String trigger = refusal(originalName);
        execute("create or replace function " + trigger + "() returns trigger language plpgsql as"
                + " $$ begin raise exception 'refused for the test'; end $$");
        execute("drop trigger if exists " + trigger + " on file");
        execute("create trigger " + trigger + " before insert on file for each row when (new.original_name = '"
                + originalName.replace("'", "''") + "') execute function " + trigger + "()");
    }

    /** The database records files of this name again, as after a moment out of reach. */
    public static void acceptFilesNamed(String originalName) {
        execute("drop trigger " + refusal(originalName) + " on file");
    }

    private static String refusal(String originalName) {
        return "refuse_" + Integer.toHexString(originalName.hashCode());
    }

    private static Optional<Map<String, Object>> row(String sql, Object... parameters) {
        try (Connection connection = TestInfrastructure.get().connect();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            ResultSetMetaData columns = rows.getMetaData();
            Map<String, Object> row = new HashMap<>();
            for (int column = 1; column <= columns.getColumnCount(); column++) {
                row.put(columns.getColumnName(column), rows.getObject(column));
            }
            return Optional.of(row);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
