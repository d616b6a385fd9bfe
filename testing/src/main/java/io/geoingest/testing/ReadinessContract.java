package io.geoingest.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

/**
 * What every service promises about readiness: it reports UP only when its database, Kafka and
 * storage all answer. Each service's test extends this under {@code @QuarkusTest}.
 */
public abstract class ReadinessContract {

    @Test
    void readyOnlyWithDatabaseKafkaAndStorageChecked() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(
                        "Database connections health check",
                        "Kafka connection health check",
                        "storage"));
    }
}
