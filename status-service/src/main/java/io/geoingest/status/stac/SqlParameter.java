package io.geoingest.status.stac;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** A value bound to a statement built of conditions, each of which brings its own parameters. */
@FunctionalInterface
public interface SqlParameter {
    void bind(PreparedStatement statement, int index) throws SQLException;

    static SqlParameter text(String value) {
        return (statement, index) -> statement.setString(index, value);
    }
}
