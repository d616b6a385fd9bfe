package io.geoingest.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.testing.TestApiKeys;
import io.geoingest.testing.WrongMethods;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class MethodNotAllowedTest {

    /** Some were 404 Not Found (the direct and the chunked upload share /public/file); the others 405 without Allow. */
    @ParameterizedTest
    @CsvSource({
            "GET, /public/file/upload, 'OPTIONS, POST'",
            "PUT, /public/file/upload, 'OPTIONS, POST'",
            "GET, /public/file/generateUploadId, 'OPTIONS, POST'",
            "GET, /public/file/uploadChunk, 'OPTIONS, POST'",
            "PUT, /public/file/uploadChunk, 'OPTIONS, POST'",
            "GET, /public/file/completeUpload, 'OPTIONS, POST'",
            "POST, /public/file/upload/u1/parts, 'GET, HEAD, OPTIONS'",
            "GET, /public/file/upload/u1, 'DELETE, OPTIONS'",
            "POST, /public/file/upload/u1, 'DELETE, OPTIONS'",
            "GET, /public/auth/api-keys, 'OPTIONS, POST'",
            "POST, /public/auth/api-keys/k1, 'DELETE, OPTIONS'"})
    void aMethodAFileApiPathDoesNotTakeIsNotAllowedInTheFileApiFormat(String method, String path, String allowed) {
        WrongMethods.assertNotAllowedInFileApiFormat(method, path, allowed);
    }

    /** Quarkus REST answered with every method of the resource class, GET and DELETE included. */
    @ParameterizedTest
    @CsvSource({
            "/public/file/upload, 'OPTIONS, POST'",
            "/public/file/upload/u1/parts, 'GET, HEAD, OPTIONS'"})
    void optionsNamesTheMethodsThePathTakes(String path, String allowed) {
        given().when().options(path).then()
                .statusCode(200)
                .header("Allow", allowed);
    }

    /**
     * The HTTP metrics name a request by its route's template: a 405 was named by the path as sent,
     * so that anyone, without credentials, could add series at will, and put any text in them.
     */
    @Test
    void aMethodThePathDoesNotTakeIsCountedUnderItsTemplateNotThePathSent() {
        String sent = "/public/file/upload/metric-" + UUID.randomUUID() + "/parts";
        given().when().post(sent).then().statusCode(405);
        given().when().options(sent).then().statusCode(200);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertFalse(metrics.contains(sent), "the path sent is a label");
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("http_server_requests_seconds_count{")
                && line.contains("status=\"405\"") && line.contains("uri=\"/public/file/upload/{uploadId}/parts\"")),
                metrics);
    }

    /** As GET on it is: a path no endpoint has is not found, whichever method asks. */
    @Test
    void optionsOnAPathNoEndpointHasIsNotFoundInTheFormatOfItsApi() {
        given().when().options("/public/file/nowhere").then()
                .statusCode(404)
                .body("error", equalTo("Not Found"));
        given().when().options("/api/stac/v1/collections/c/items/i/assets/a/nowhere").then()
                .statusCode(404)
                .body("code", equalTo(404))
                .body("description", equalTo("Not Found"));
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /uploads/u1/complete, 'OPTIONS, POST'",
            "DELETE, /uploads/u1/abort, 'OPTIONS, POST'",
            "POST, /uploads/u1/parts, 'GET, HEAD, OPTIONS'",
            "PUT, /uploads, 'GET, HEAD, OPTIONS, POST'"})
    void aMethodAStacUploadPathDoesNotTakeIsNotAllowedInStacFormat(String method, String path, String allowed) {
        given().header("X-API-KEY", TestApiKeys.admin()).when()
                .request(method, "/api/stac/v1/collections/c/items/i/assets/a" + path).then()
                .statusCode(405)
                .header("Allow", allowed)
                .body("code", equalTo(405))
                .body("description", equalTo("Method Not Allowed: " + method + "; this path takes " + allowed));
    }
}
