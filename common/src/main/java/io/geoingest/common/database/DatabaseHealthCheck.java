package io.geoingest.common.database;

import io.geoingest.common.concurrent.DaemonThreads;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
    private static final String NO_ANSWER = "no answer within " + ANSWER_WITHIN_SECONDS + " s";

    @Inject
    DataSource dataSource;

    private final ExecutorService checker = Executors.newSingleThreadExecutor(DaemonThreads.named("database-check"));
    /** The check under way, which a server that stopped answering can hold for long; guarded by this. */
    private Future<Optional<String>> checking;

    @Override
    public synchronized HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database");
        if (checking == null) {
            checking = checker.submit(this::problem);
        }
        try {
            Optional<String> problem = checking.get(ANSWER_WITHIN_SECONDS, TimeUnit.SECONDS);
            checking = null;
            return problem.map(error -> response.down().withData("error", error).build()).orElseGet(() -> response.up().build());
        } catch (TimeoutException stillWaiting) {
            return response.down().withData("error", NO_ANSWER).build();
        } catch (ExecutionException e) {
            checking = null;
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
        checker.shutdownNow();
    }
}
