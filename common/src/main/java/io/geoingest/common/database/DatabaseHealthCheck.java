package io.geoingest.common.database;

import io.geoingest.common.concurrent.QuestionApart;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the database answers on a connection borrowed as requests borrow theirs, within
 * {@value #ANSWER_WITHIN_SECONDS} s. Quarkus' own check takes a pooled connection past the pool's
 * check of idle connections: after a database restart it reported DOWN once for every connection
 * from before the restart, the pool's whole size on a quiet service, where requests were already
 * served on fresh connections. And it waited on a server that does not answer at all (frozen, or
 * cut off by the network) until that came back, holding the whole readiness answer: the check now
 * goes on apart, and a later probe takes its answer.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements HealthCheck {
    private static final int ANSWER_WITHIN_SECONDS = 3;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(ANSWER_WITHIN_SECONDS);
    private static final String NO_ANSWER = "no answer within " + ANSWER_WITHIN_SECONDS + " s";

    @Inject
    DataSource dataSource;

    private final QuestionApart<Optional<String>> check = new QuestionApart<>("database-check", this::problem);

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database");
        try {
            return check.answer(ANSWER_WITHIN, ANSWER_WITHIN)
                    .map(error -> response.down().withData("error", error).build())
                    .orElseGet(() -> response.up().build());
        } catch (TimeoutException stillWaiting) {
            return response.down().withData("error", NO_ANSWER).build();
        } catch (ExecutionException e) {
            return response.down().withData("error", e.getCause().getClass().getSimpleName()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().build();
        }
    }

    /** What keeps the database from serving requests, if anything. */
    private Optional<String> problem() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(ANSWER_WITHIN_SECONDS) ? Optional.empty() : Optional.of(NO_ANSWER);
        } catch (SQLException e) {
            return Optional.of(e.getClass().getSimpleName());
        }
    }

    @PreDestroy
    void stop() {
        check.close();
    }
}
