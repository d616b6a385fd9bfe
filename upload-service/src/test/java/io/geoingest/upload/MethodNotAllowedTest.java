package io.geoingest.upload;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.geoingest.testing.TestApiKeys;
import io.geoingest.testing.WrongMethods;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class MethodNotAllowedTest {

    /** Some were 404 Not Found (the direct and the chunked upload share /public/file); the others 405 without Allow. */
    @ParameterizedTest
    @CsvSource({
            "GET, /public/file/upload, POST",
            "PUT, /public/file/upload, POST",
            "GET, /public/file/generateUploadId, POST",
            "GET, /public/file/uploadChunk, POST",
            "PUT, /public/file/uploadChunk, POST",
            "GET, /public/file/completeUpload, POST",
            "POST, /public/file/upload/u1/parts, GET",
            "GET, /public/file/upload/u1, DELETE",
            "POST, /public/file/upload/u1, DELETE",
            "GET, /public/auth/api-keys, POST",
            "POST, /public/auth/api-keys/k1, DELETE"})
    void aMethodAFileApiPathDoesNotTakeIsNotAllowedInTheFileApiFormat(String method, String path, String allowed) {
        WrongMethods.assertNotAllowedInFileApiFormat(method, path, allowed);
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /uploads/u1/complete, POST",
            "DELETE, /uploads/u1/abort, POST",
            "POST, /uploads/u1/parts, GET",
            "PUT, /uploads, 'GET, POST'"})
    void aMethodAStacUploadPathDoesNotTakeIsNotAllowedInStacFormat(String method, String path, String allowed) {
        given().header("X-API-KEY", TestApiKeys.admin()).when()
                .request(method, "/api/stac/v1/collections/c/items/i/assets/a" + path).then()
                .statusCode(405)
                .header("Allow", allowed)
                .body("code", equalTo(405))
                .body("description", equalTo("Method Not Allowed: " + method + "; this path takes " + allowed));
    }
}
