package io.geoingest.status.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.auth.ApiKeys;
import io.geoingest.testing.RawHttp;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.testing.Unauthorized;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Missing or wrong credentials are a 401, and a caller without the permission a write needs a
 * 403, before the request's Content-Type, Accept or body size is judged: a client with a mistyped
 * key was told 406, 413 or 415 instead.
 */
@QuarkusTest
class CredentialsBeforeTheBodyTest {
    private static final String COLLECTION = "/api/stac/v1/collections/credentials-first";

    @TestHTTPResource("/")
    URI base;

    @Test
    void aStatusAskedForInAnotherTypeWithAWrongKeyIsUnauthorized() {
        Unauthorized.assertInFileApiFormat(given().header("X-API-KEY", ApiKeys.newKey()).accept("text/plain")
                .get("/public/file/status/x").then());
        given().accept("application/json").get("/public/file/status/x/events").then()
                .statusCode(401)
                .body("error", equalTo("Unauthorized Request"));
    }

    @Test
    void aStacWriteOfAnotherTypeWithAWrongKeyIsUnauthorizedInTheStacFormat() {
        Unauthorized.assertInStacFormat(given().header("X-API-KEY", ApiKeys.newKey()).contentType("text/plain").body("{}")
                .put(COLLECTION).then(), Unauthorized.WRONG_KEY);
        Unauthorized.assertInStacFormat(given().header("X-API-KEY", ApiKeys.newKey()).accept("text/plain")
                .get("/api/stac/v1/collections").then(), Unauthorized.WRONG_KEY);
    }

    @Test
    void aStacSearchOverTheBodyLimitWithAWrongKeyIsUnauthorizedUnread() throws Exception {
        String answer = RawHttp.answerWithoutTheBody(base.getPort(), "/api/stac/v1/search",
                RawHttp.apiHeaders(base.getHost() + ":" + base.getPort(), ApiKeys.newKey(), "application/json"), 2L << 20);

        assertTrue(answer.startsWith("HTTP/1.1 401 "), answer);
        assertTrue(answer.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n"), answer);
        JsonNode error = new ObjectMapper().readTree(RawHttp.body(answer));
        assertEquals(401, error.path("code").asInt());
        assertEquals(Unauthorized.WRONG_KEY, error.path("description").asText());
    }

    @Test
    void aKeyWithoutThePermissionToWriteIsForbiddenWhateverTheBody() {
        String noPermissions = TestApiKeys.create("nobody-" + UUID.randomUUID());
        given().header("X-API-KEY", noPermissions).contentType("text/plain").body("{}").put(COLLECTION).then()
                .statusCode(403)
                .contentType("application/json")
                .body("code", equalTo(403))
                .body("description", equalTo("Permission denied: files_admin or files_upload is required"));
    }

    /** Reads need a valid key and no permission: that key is judged on its Accept, as before. */
    @Test
    void validCredentialsStillHearAboutTheirHeaders() {
        String noPermissions = TestApiKeys.create("nobody-" + UUID.randomUUID());
        given().header("X-API-KEY", noPermissions).accept("text/plain").get("/api/stac/v1/collections").then()
                .statusCode(406);
        given().header("X-API-KEY", TestApiKeys.uploader("uploader-" + UUID.randomUUID())).contentType("text/plain")
                .body("{}").put(COLLECTION).then()
                .statusCode(415);
    }
}
