package io.geoingest.upload.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.auth.ApiKeys;
import io.geoingest.common.auth.Permission;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.testing.TestInfrastructure;
import io.geoingest.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class AuthenticationTest {
    private static final String API_KEYS = "/public/auth/api-keys";

    private static Map<String, Object> newUploaderKey() {
        return Map.of("owner", "someone-" + UUID.randomUUID(), "permissions", List.of("files_upload"));
    }

    private static ValidatableResponse createKey(RequestSpecification caller) {
        return caller.contentType(ContentType.JSON).body(newUploaderKey()).when().post(API_KEYS).then();
    }

    @Test
    void apiKeyHeaderIsAccepted() {
        createKey(given().header("X-API-KEY", TestApiKeys.admin()))
                .statusCode(201)
                .body("key", startsWith(ApiKeys.PREFIX))
                .body("id", notNullValue())
                .body("permissions[0]", equalTo("files_upload"));
    }

    /**
     * Basic credentials a browser remembers go with a form another site's page posts to us; that
     * page must not act with them. The same page sending a key of its own, and the same site's
     * pages, still may.
     */
    @Test
    void basicCredentialsAreNotTakenForAChangeAnotherSiteAsksOfABrowser() {
        RequestSpecification remembered = given().auth().preemptive().basic("user", TestApiKeys.admin());
        createKey(remembered.header("Sec-Fetch-Site", "cross-site")).statusCode(403)
                .body("error", equalTo("Permission Denied"));
        createKey(given().auth().preemptive().basic("user", TestApiKeys.admin()).header("Sec-Fetch-Site", "same-site"))
                .statusCode(403);
        createKey(given().auth().preemptive().basic("user", TestApiKeys.admin()).header("Sec-Fetch-Site", "same-origin"))
                .statusCode(201);
        createKey(given().header("X-API-KEY", TestApiKeys.admin()).header("Sec-Fetch-Site", "cross-site")).statusCode(201);
        given().auth().preemptive().basic("user", TestApiKeys.admin()).header("Sec-Fetch-Site", "cross-site")
                .when().get("/public/file/upload/" + UUID.randomUUID() + "/parts").then().statusCode(404);
    }

    @Test
    void bearerTokenIsAccepted() {
        createKey(given().auth().oauth2(TestTokens.bearer("token-admin", Permission.ADMIN))).statusCode(201);
    }

    @Test
    void basicWithApiKeyAsPasswordIsAccepted() {
        createKey(given().auth().preemptive().basic("any-user", TestApiKeys.admin())).statusCode(201);
    }

    @Test
    void missingCredentialsAreUnauthorized() {
        assertUnauthorized(createKey(given()));
    }

    @Test
    void unknownApiKeyIsUnauthorized() {
        assertUnauthorized(createKey(given().header("X-API-KEY", ApiKeys.newKey())));
    }

    @Test
    void revokedApiKeyIsUnauthorized() {
        String admin = TestApiKeys.admin();
        var created = given().header("X-API-KEY", admin).contentType(ContentType.JSON)
                .body(Map.of("owner", "short-lived", "permissions", List.of("files_admin")))
                .post(API_KEYS).then().statusCode(201).extract();
        String key = created.path("key");
        createKey(given().header("X-API-KEY", key)).statusCode(201);

        given().header("X-API-KEY", admin).delete(API_KEYS + "/" + created.path("id")).then().statusCode(204);

        assertUnauthorized(createKey(given().header("X-API-KEY", key)));
    }

    @Test
    void expiredTokenIsUnauthorized() {
        assertUnauthorized(createKey(given().auth().oauth2(TestTokens.expired("late", Permission.ADMIN))));
    }

    @Test
    void tokenSignedByAnotherKeyIsUnauthorized() {
        assertUnauthorized(createKey(given().auth().oauth2(TestTokens.signedByStranger("mallory", Permission.ADMIN))));
    }

    /** One issuer often serves many services: a token it made for another of them must not work here. */
    @Test
    void aTokenForAnotherAudienceOrForNoneIsUnauthorized() {
        assertUnauthorized(createKey(given().auth().oauth2(
                TestTokens.forAudience(Optional.of("billing-service"), "elsewhere", Permission.ADMIN))));
        assertUnauthorized(createKey(given().auth().oauth2(
                TestTokens.forAudience(Optional.empty(), "anywhere", Permission.ADMIN))));
        createKey(given().auth().oauth2(TestTokens.forAudience(Optional.of(TestTokens.AUDIENCE), "here", Permission.ADMIN)))
                .statusCode(201);
    }

    /** A token whose subject is blank was let in, as the owner "" when it had no upn. */
    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void aTokenWithABlankSubjectIsUnauthorized(String subject) {
        assertUnauthorized(createKey(given().auth().oauth2(TestTokens.naming(subject, null, Permission.ADMIN))));
        assertUnauthorized(createKey(given().auth().oauth2(TestTokens.naming(subject, "token-admin", Permission.ADMIN))));
    }

    @Test
    void aTokenNamedByItsSubjectAloneIsAccepted() {
        createKey(given().auth().oauth2(TestTokens.naming("token-admin", null, Permission.ADMIN))).statusCode(201);
    }

    @Test
    void wrongBasicPasswordIsUnauthorized() {
        assertUnauthorized(createKey(given().auth().preemptive().basic("admin", "not-a-key")));
    }

    @Test
    void anApiKeyHeaderDecidesWhateverTheAuthorizationHeaderHolds() {
        createKey(given().header("X-API-KEY", TestApiKeys.admin()).header("Authorization", "Bearer not-a-token"))
                .statusCode(201);
        assertUnauthorized(createKey(given().header("X-API-KEY", ApiKeys.newKey())
                .auth().preemptive().basic("admin", TestApiKeys.admin())));
        assertUnauthorized(createKey(given().header("X-API-KEY", ApiKeys.newKey())
                .auth().oauth2(TestTokens.bearer("token-admin", Permission.ADMIN))));
    }

    @Test
    void keyWithoutPermissionIsForbidden() {
        createKey(given().header("X-API-KEY", TestApiKeys.uploader("uploader-" + UUID.randomUUID())))
                .statusCode(403)
                .contentType(ContentType.JSON)
                .body("error", equalTo("Permission Denied"));
    }

    @Test
    void revokingAnUnknownKeyIsNotFound() {
        given().header("X-API-KEY", TestApiKeys.admin()).delete(API_KEYS + "/" + UUID.randomUUID())
                .then().statusCode(404).body("error", equalTo("API key not found"));
    }

    @Test
    void unknownPermissionIsABadRequest() {
        given().header("X-API-KEY", TestApiKeys.admin()).contentType(ContentType.JSON)
                .body(Map.of("owner", "o", "permissions", List.of("root")))
                .post(API_KEYS).then().statusCode(400).body("error", startsWith("unknown permission 'root'"));
    }

    /**
     * The owner of every file the key uploads had no limit, and a line break in it could forge a
     * log line. The length counts characters (code points), not UTF-16 units: 😀 is one.
     */
    @Test
    void anOwnerTooLongOrWithControlCharactersIsABadRequestNamingTheRuleBroken() {
        String longest = "ü".repeat(254) + "😀";
        createKeyOwnedBy(longest).statusCode(201).body("owner", equalTo(longest));
        createKeyOwnedBy(longest + "x").statusCode(400)
                .body("error", equalTo("owner must be at most 255 characters long, and has 256"));
        createKeyOwnedBy("alice\nINFO forged line").statusCode(400).body("error",
                equalTo("owner must not contain control, line-separator or text-direction characters, and holds U+000A"));
        for (String owner : List.of("alice\t", "\u0000alice", "al\u007fice", "alice\u0085", "alice\u2028INFO forged",
                "\u202Eecila", "alice\u2066")) {
            createKeyOwnedBy(owner).statusCode(400).body("error", startsWith("owner must not contain control"));
        }
        String writtenWithAJoiner = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645";
        createKeyOwnedBy(writtenWithAJoiner).statusCode(201).body("owner", equalTo(writtenWithAJoiner));
    }

    private static ValidatableResponse createKeyOwnedBy(String owner) {
        return given().header("X-API-KEY", TestApiKeys.admin()).contentType(ContentType.JSON)
                .body(Map.of("owner", owner, "permissions", List.of("files_upload"))).post(API_KEYS).then();
    }

    @Test
    void aKeyRequestOfAnotherShapeIsABadRequest() {
        for (String notAKeyRequest : List.of("[]", "\"files_admin\"")) {
            given().header("X-API-KEY", TestApiKeys.admin()).contentType(ContentType.JSON).body(notAKeyRequest)
                    .post(API_KEYS).then().statusCode(400)
                    .body("error", equalTo("Bad Request: the body is not valid JSON of the expected shape"));
        }
        given().header("X-API-KEY", TestApiKeys.admin()).contentType(ContentType.JSON)
                .body("{\"owner\": \"o\", \"permissions\": \"files_admin\"}")
                .post(API_KEYS).then().statusCode(400)
                .body("error", equalTo("Bad Request: the body is not valid JSON of the expected shape: permissions must be a list"));
        given().header("X-API-KEY", TestApiKeys.admin()).contentType(ContentType.JSON)
                .body("{\"owner\": [\"o\"], \"permissions\": [\"files_admin\"]}")
                .post(API_KEYS).then().statusCode(400)
                .body("error", equalTo("Bad Request: the body is not valid JSON of the expected shape: owner must be a string"));
    }

    @Test
    void theKeyItselfIsNeverStoredNorLogged() throws Exception {
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " " + Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        String key;
        try {
            key = createKey(given().header("X-API-KEY", TestApiKeys.admin())).statusCode(201).extract().path("key");
            createKey(given().header("X-API-KEY", key)).statusCode(403);
            createKey(given().auth().preemptive().basic("user", key)).statusCode(403);
        } finally {
            root.removeHandler(capture);
        }
        assertFalse(logged.isEmpty(), "requests are logged (access log is on in tests)");
        for (String line : logged) {
            assertFalse(line.contains(key), "a log line contains the key: " + line);
        }
        try (Connection connection = TestInfrastructure.get().connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select * from api_key")) {
            ResultSetMetaData columns = rows.getMetaData();
            boolean hashStored = false;
            while (rows.next()) {
                for (int column = 1; column <= columns.getColumnCount(); column++) {
                    String value = rows.getString(column);
                    assertFalse(value != null && value.contains(key), "the key is stored in " + columns.getColumnName(column));
                    hashStored |= ApiKeys.hash(key).equals(value);
                }
            }
            assertTrue(hashStored, "the key's hash is stored");
        }
    }

    private static void assertUnauthorized(ValidatableResponse response) {
        response.statusCode(401).contentType(ContentType.JSON).body("error", equalTo("Unauthorized Request"));
    }
}
