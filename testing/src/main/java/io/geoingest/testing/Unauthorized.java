package io.geoingest.testing;

import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.ValidatableResponse;

/** What every service answers to missing or wrong credentials, in the format of the API called. */
public final class Unauthorized {
    public static final String WRONG_KEY = "The X-API-KEY sent is not a valid key: unknown, revoked or mistyped";

    private Unauthorized() {
    }

    public static void assertInFileApiFormat(ValidatableResponse response) {
        assertChallenged(response, "no-store")
                .body("$", aMapWithSize(1))
                .body("error", equalTo("Unauthorized Request"));
    }

    public static void assertInStacFormat(ValidatableResponse response, String description) {
        assertChallenged(response, "private")
                .body("$", aMapWithSize(2))
                .body("code", equalTo(401))
                .body("description", equalTo(description));
    }

    private static ValidatableResponse assertChallenged(ValidatableResponse response, String cacheControl) {
        return response.statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"geoingest\"")
                .header("Cache-Control", cacheControl)
                .contentType("application/json");
    }
}
