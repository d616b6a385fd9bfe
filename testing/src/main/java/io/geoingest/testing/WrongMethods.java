package io.geoingest.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;

/** What every service answers to a method that a path of the file API does not take. */
public final class WrongMethods {
    private WrongMethods() {
    }

    /** Sends {@code method} to {@code path} and checks the 405: {@code Allow} and the file API's error body. */
    public static void assertNotAllowedInFileApiFormat(String method, String path, String allowed) {
        given().header("X-API-KEY", TestApiKeys.admin()).when().request(method, path).then()
                .statusCode(405)
                .header("Allow", allowed)
                .contentType("application/json")
                .body("$", aMapWithSize(1))
                .body("error", equalTo("Method Not Allowed: " + method + "; this path takes " + allowed));
    }
}
