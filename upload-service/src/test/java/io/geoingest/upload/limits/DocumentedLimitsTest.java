package io.geoingest.upload.limits;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.testing.TestApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The endpoints held to geoingest.upload.request-max-size answer a body over it with a 413,
 * whether the body says its length or comes in chunks: the API document says so for each.
 */
@QuarkusTest
class DocumentedLimitsTest {
    private static final String STAC_UPLOADS = "/api/stac/v1/collections/{collection}/items/{item}/assets/{asset}/uploads";

    @Test
    void everyEndpointHeldToTheRequestLimitDocumentsItsTooLarge() {
        JsonPath document = openApi();
        for (List<String> operation : List.of(
                List.of("/public/file/generateUploadId", "post"),
                List.of("/public/file/completeUpload", "post"),
                List.of("/public/auth/api-keys", "post"),
                List.of("/public/auth/api-keys/{id}", "delete"),
                List.of(STAC_UPLOADS, "post"),
                List.of(STAC_UPLOADS + "/{uploadId}/complete", "post"))) {
            String description = document.getString("paths.'" + operation.get(0) + "'." + operation.get(1)
                    + ".responses.'413'.description");
            assertEquals(RequestSizeLimits.TOO_LARGE, description, operation.toString());
        }
    }

    @Test
    void generateUploadIdDocumentsTheFormsItRefuses() {
        String description = openApi().getString("paths.'/public/file/generateUploadId'.post.responses.'400'.description");
        assertTrue(description.contains("more than once") && description.contains("cannot be read"), description);
    }

    private static JsonPath openApi() {
        return given().header("X-API-KEY", TestApiKeys.uploader("openapi-" + UUID.randomUUID()))
                .queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }
}
