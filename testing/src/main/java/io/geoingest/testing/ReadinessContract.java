package io.geoingest.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What every service promises about readiness: it reports UP only when its database, Kafka and
 * storage all answer, and again right after its database restarts. Each service's test extends
 * this under {@code @QuarkusTest}.
 */
public abstract class ReadinessContract {
    /** Longer than the pool lends a connection unchecked after its last use. */
    private static final Duration QUIET = Duration.ofSeconds(1);

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
        // a quiet service: our embedded server restarts faster than a production one fails over
        Thread.sleep(QUIET.toMillis());

        TestInfrastructure infrastructure = TestInfrastructure.get();
        infrastructure.stopPostgres(false);
        infrastructure.startPostgres();

        for (int request = 0; request < 4; request++) {
            given().when().get("/q/health/ready")
                    .then().statusCode(200)
                    .body("status", equalTo("UP"));
        }
    }
}
