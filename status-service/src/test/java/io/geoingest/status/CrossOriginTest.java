package io.geoingest.status;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.geoingest.testing.CrossOriginContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CrossOriginTest extends CrossOriginContract {

    @Override
    protected String protectedPath() {
        return "/public/file/status/" + UUID.randomUUID();
    }

    @Override
    protected String protectedMethod() {
        return "GET";
    }

    /** STAC Browser, served from its own origin, could not read the catalog: STAC asks public APIs to allow it. */
    @Test
    void stacBrowserReadsTheCatalogAndItsEtags() {
        given().header("Origin", "https://radiantearth.github.io")
                .when().get("/api/stac/v1/")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("https://radiantearth.github.io"))
                .header("Access-Control-Expose-Headers", containsString("ETag"));
    }
}
