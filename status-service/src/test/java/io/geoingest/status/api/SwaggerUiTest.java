package io.geoingest.status.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** In Kubernetes, where no gateway serves one, the status-service serves Swagger UI for the whole public API. */
@QuarkusTest
class SwaggerUiTest {

    @Test
    void swaggerUiListsTheDocumentsOfBothServicesWithoutCredentials() {
        given().get("/q/swagger-ui/").then().statusCode(200)
                .body(allOf(containsString("/q/openapi/upload"), containsString("/q/openapi/status")));
    }
}
