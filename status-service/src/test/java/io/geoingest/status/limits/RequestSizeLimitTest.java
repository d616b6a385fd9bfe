package io.geoingest.status.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.geoingest.testing.TestApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RequestSizeLimitTest {
    private final String key = TestApiKeys.uploader("limits-" + UUID.randomUUID());

    /** A 1.5 MB polygon: parsed, it would hold tens of MB of heap for the one request. */
    @Test
    void aSearchBodyOverTheLimitGetsTheStacErrorBeforeItIsParsed() {
        StringBuilder ring = new StringBuilder("[7.0,46.0]");
        while (ring.length() < 1_500_000) {
            ring.append(",[7.123456,46.123456]");
        }
        String search = "{\"intersects\": {\"type\": \"Polygon\", \"coordinates\": [[" + ring + ",[7.0,46.0]]]}}";

        given().header("X-API-KEY", key).contentType("application/json").body(search)
                .post("/api/stac/v1/search")
                .then().statusCode(413)
                .body("code", equalTo(413))
                .body("description", equalTo("The request body is too large: at most 1 MiB (1048576 bytes)"));
    }
}
