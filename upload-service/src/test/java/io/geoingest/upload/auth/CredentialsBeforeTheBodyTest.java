package io.geoingest.upload.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.auth.ApiKeys;
import io.geoingest.testing.RawHttp;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.testing.TestTokens;
import io.geoingest.testing.Unauthorized;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Missing or wrong credentials are a 401, and a caller without the permission an endpoint needs a
 * 403, whatever the request's body or headers: Quarkus REST matched Content-Type and Accept, and
 * the body limits ran, before the permission check, so a client with a mistyped key was told to
 * fix its body instead (400, 413, 415). The refusal reads nothing of the body.
 */
@QuarkusTest
class CredentialsBeforeTheBodyTest {
    private static final String STAC_UPLOADS = "/api/stac/v1/collections/c1/items/i1/assets/a1/uploads";
    private static final Duration PROMPTLY = Duration.ofSeconds(3);

    @TestHTTPResource("/")
    URI base;

    @ParameterizedTest
    @ValueSource(strings = {"/public/file/upload", "/public/file/uploadChunk?uploadId=u1&partNumber=1"})
    void aFileSentAsSomethingElseThanAFormWithAWrongKeyIsUnauthorized(String target) {
        Unauthorized.assertInFileApiFormat(given().header("X-API-KEY", ApiKeys.newKey()).contentType("application/octet-stream")
                .body(new byte[16]).post(target).then());
        Unauthorized.assertInFileApiFormat(given().contentType("application/octet-stream").body(new byte[16]).post(target).then());
    }

    @Test
    void aBodyOfAnotherTypeWithAWrongKeyIsUnauthorized() {
        Unauthorized.assertInFileApiFormat(given().header("X-API-KEY", ApiKeys.newKey()).contentType("text/plain").body("{}")
                .post("/public/file/completeUpload").then());
        Unauthorized.assertInFileApiFormat(given().auth().preemptive().basic("user", "not-a-key").contentType("text/plain")
                .body("{}").post("/public/file/generateUploadId").then());
        Unauthorized.assertInFileApiFormat(given().auth().oauth2(TestTokens.expired("late", "files_upload")).contentType("text/plain")
                .body("{}").post("/public/file/completeUpload").then());
    }

    @Test
    void anAnswerOfAnotherTypeAskedForWithAWrongKeyIsUnauthorized() {
        Unauthorized.assertInFileApiFormat(given().header("X-API-KEY", ApiKeys.newKey()).accept("text/plain")
                .get("/public/file/upload/u1/parts").then());
    }

    @Test
    void aStacUploadOfAnotherTypeWithAWrongKeyIsUnauthorizedInTheStacFormat() {
        Unauthorized.assertInStacFormat(given().header("X-API-KEY", ApiKeys.newKey()).contentType("text/plain").body("{}")
                .post(STAC_UPLOADS).then(), Unauthorized.WRONG_KEY);
        given().contentType("text/plain").body("{}").post(STAC_UPLOADS + "/u1/complete").then()
                .statusCode(401)
                .body("description", startsWith("Authentication required"));
    }

    /** A body over its limit, as sent with a file of 105 MB: only the head is sent, and the answer comes without the body. */
    @Test
    void aDirectUploadOverItsLimitWithAWrongKeyIsUnauthorizedUnread() throws IOException {
        Answer answer = headOnly("/public/file/upload", ApiKeys.newKey(), "multipart/form-data; boundary=xyz", 105L << 20);

        assertEquals(401, answer.status(), answer.head());
        assertEquals("Unauthorized Request", answer.json().path("error").asText());
        assertTrue(answer.head().contains("\r\nconnection: close"), answer.head());
    }

    /**
     * 3 GB announced, not one byte of it sent: the refusal cannot have waited for it, and the
     * connection, whose body was not read, is not kept for another request.
     */
    @Test
    void aChunkOfGigabytesWithAWrongKeyIsUnauthorizedPromptly() throws IOException {
        long started = System.nanoTime();
        Answer answer = headOnly("/public/file/uploadChunk?uploadId=u1&partNumber=1", ApiKeys.newKey(),
                "multipart/form-data; boundary=xyz", 3L << 30);

        assertEquals(401, answer.status(), answer.head());
        assertEquals("Unauthorized Request", answer.json().path("error").asText());
        assertTrue(answer.head().contains("\r\nconnection: close"), answer.head());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(PROMPTLY) < 0, "answered after " + PROMPTLY);
    }

    @Test
    void aStacBodyOverItsLimitWithAWrongKeyIsUnauthorizedUnread() throws IOException {
        Answer answer = headOnly(STAC_UPLOADS, ApiKeys.newKey(), "application/json", 2L << 20);

        assertEquals(401, answer.status(), answer.head());
        assertEquals(401, answer.json().path("code").asInt());
        assertEquals(Unauthorized.WRONG_KEY, answer.json().path("description").asText());
    }

    @Test
    void aKeyWithoutThePermissionIsForbiddenWhateverTheBody() throws IOException {
        String uploader = TestApiKeys.uploader("uploader-" + UUID.randomUUID());
        given().header("X-API-KEY", uploader).contentType("text/plain").body("{}").post("/public/auth/api-keys").then()
                .statusCode(403)
                .header("Cache-Control", "no-store")
                .contentType("application/json")
                .body("error", equalTo("Permission Denied"));
        Answer answer = headOnly("/public/auth/api-keys", uploader, "application/json", 6L << 30);
        assertEquals(403, answer.status(), answer.head());
        assertEquals("Permission Denied", answer.json().path("error").asText());

        String noPermissions = TestApiKeys.create("nobody-" + UUID.randomUUID());
        given().header("X-API-KEY", noPermissions).contentType("application/octet-stream").body(new byte[16])
                .post("/public/file/upload").then()
                .statusCode(403).body("error", equalTo("Permission Denied"));
        given().auth().oauth2(TestTokens.bearer("no-groups")).contentType("text/plain").body("{}").post(STAC_UPLOADS).then()
                .statusCode(403)
                .body("code", equalTo(403))
                .body("description", equalTo("Permission denied: files_admin or files_upload is required"));
    }

    /** With credentials that hold, the body and headers are judged as before. */
    @Test
    void validCredentialsStillHearAboutTheirBody() {
        String uploader = TestApiKeys.uploader("uploader-" + UUID.randomUUID());
        given().header("X-API-KEY", uploader).contentType("application/octet-stream").body(new byte[16])
                .post("/public/file/upload").then()
                .statusCode(400).body("error", startsWith("Bad Request: file is required"));
        given().header("X-API-KEY", uploader).contentType("text/plain").body("{}").post("/public/file/completeUpload").then()
                .statusCode(415);
        given().header("X-API-KEY", uploader).contentType("text/plain").body("{}").post(STAC_UPLOADS).then()
                .statusCode(415).body("code", equalTo(415));
    }

    /** As documented: the method a path does not take is judged before credentials, and OPTIONS needs none. */
    @Test
    void aWrongMethodIsStillNotAllowedAndOptionsStillAnsweredWhateverTheKey() {
        given().header("X-API-KEY", ApiKeys.newKey()).get("/public/file/upload").then()
                .statusCode(405).header("Allow", "OPTIONS, POST");
        given().header("X-API-KEY", ApiKeys.newKey()).options("/public/file/upload").then()
                .statusCode(200).header("Allow", "OPTIONS, POST");
    }

    private record Answer(int status, String head, String body) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(body);
        }
    }

    /** The answer to a POST of which only the head is sent, announcing {@code contentLength} bytes of body. */
    private Answer headOnly(String target, String apiKey, String contentType, long contentLength) throws IOException {
        String answer = RawHttp.answerWithoutTheBody(base.getPort(), target,
                RawHttp.apiHeaders(base.getHost() + ":" + base.getPort(), apiKey, contentType), contentLength);
        String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
        return new Answer(Integer.parseInt(head.substring(9, 12)), head.toLowerCase(Locale.ROOT), RawHttp.body(answer));
    }
}
