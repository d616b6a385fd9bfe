package io.geoingest.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every service promises about readiness: it reports UP only when its database, Kafka and
 * storage all answer, DOWN within seconds when the database does not, and UP again right after
 * its database restarts. Each service's test extends
 * this under {@code @QuarkusTest}.
 */
public abstract class ReadinessContract {
    /** Longer than the pool lends a connection unchecked after its last use. */
    private static final Duration DOWNTIME = Duration.ofSeconds(1);

    @Test
    void readyOnlyWithDatabaseKafkaAndStorageChecked() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(
                        "database",
                        "Kafka connection health check",
                        "storage"));
    }

    /**
     * A database failover or restart ends every pooled connection. The first requests after it
     * must not be the ones that find out: each connection idle over the restart is checked before
     * it is lent.
     */
    @Test
    void readyOnTheFirstRequestAfterTheDatabaseRestarts() throws InterruptedException {
        CompletableFuture.allOf(IntStream.range(0, 4)
                .mapToObj(n -> CompletableFuture.runAsync(() -> given().get("/q/health/ready").then().statusCode(200)))
                .toArray(CompletableFuture[]::new)).join();

        TestInfrastructure infrastructure = TestInfrastructure.get();
        infrastructure.stopPostgres(false);
        // our embedded server restarts faster than a production one fails over
        Thread.sleep(DOWNTIME.toMillis());
        infrastructure.startPostgres();

        for (int request = 0; request < 4; request++) {
            given().when().get("/q/health/ready")
                    .then().statusCode(200)
                    .body("status", equalTo("UP"));
        }
    }

    /**
     * A database that does not answer at all (frozen, or cut off by the network) makes the service
     * not ready within seconds: the readiness answer waited until it came back (here, for ever).
     */
    @Test
    void notReadyWithinSecondsWhileTheDatabaseDoesNotAnswer() throws Exception {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        try {
            // inside: a freeze that fails half-way must not leave part of the server stopped
            infrastructure.freezePostgres();
            long started = System.nanoTime();
            CompletableFuture.runAsync(() -> given().when().get("/q/health/ready").then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'database' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'storage' }.status", equalTo("UP")))
                    .get(30, TimeUnit.SECONDS);
            Duration answeredIn = Duration.ofNanos(System.nanoTime() - started);
            // the database check waits 3 s; the other checks (Kafka's, the bucket's) take their time on a busy machine
            assertTrue(answeredIn.compareTo(Duration.ofSeconds(15)) < 0, () -> "answered in " + answeredIn);
        } finally {
            infrastructure.thawPostgres();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (given().when().get("/q/health/ready").statusCode() != 200) {
            assertTrue(System.nanoTime() < deadline, "ready again once the database answers");
            Thread.sleep(250);
        }
    }
}
