package io.geoingest.common.database;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the database answers on a connection borrowed as requests borrow theirs. Quarkus'
 * own check takes a pooled connection past the pool's check of idle connections: after a database
 * restart it reported DOWN once for every connection from before the restart, the pool's whole
 * size on a quiet service, where requests were already served on fresh connections.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {
    private static final int ANSWER_WITHIN_SECONDS = 3;

    @Inject
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database");
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(ANSWER_WITHIN_SECONDS)) {
                return response.up().build();
            }
            return response.down().withData("error", "no answer within " + ANSWER_WITHIN_SECONDS + " s").build();
        } catch (SQLException e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
