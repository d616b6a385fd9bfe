package io.geoingest.status.stac;

import static io.geoingest.status.stac.StacFixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Reads and writes of a catalog document on a condition on its ETag (If-Match, If-None-Match),
 * and what every tagged document promises of its tag.
 */
final class ConditionalRequests {
    /** A tag in the form the API makes them that no document has. */
    static final String NO_DOCUMENTS_TAG = "\"00000000000000000000000000000000\"";

    private ConditionalRequests() {
    }

    /** The ETag of the document at {@code path}, which a GET must find. */
    static String etag(String apiKey, String path, Object... pathParams) {
        return as(apiKey).when().get(path, pathParams).then().statusCode(200).extract().header("ETag");
    }

    static ValidatableResponse putIf(String apiKey, String condition, String tag, ObjectNode body, String path,
            Object... pathParams) {
        return as(apiKey).header(condition, tag).contentType(ContentType.JSON).body(body.toString())
                .when().put(path, pathParams).then();
    }

    static ValidatableResponse deleteIf(String apiKey, String condition, String tag, String path, Object... pathParams) {
        return as(apiKey).header(condition, tag).when().delete(path, pathParams).then();
    }

    /** The answer to a write whose condition is false: a 412 in the STAC API's format. */
    static void assertPreconditionFailed(ValidatableResponse response) {
        response.statusCode(412).body("code", equalTo(412)).body("description", startsWith("Precondition failed"));
    }

    /**
     * The document has one strong ETag, whichever host and scheme the client reached it by (its
     * links are made from them); returns it.
     */
    static String assertOneStrongTagFromEveryOrigin(String apiKey, String path, Object... pathParams) {
        String tag = etag(apiKey, path, pathParams);
        assertTrue(tag.matches("\"[0-9a-f]{32}\""), () -> "a strong, quoted tag: " + tag);
        assertEquals(tag, etag(apiKey, path, pathParams));
        as(apiKey).header("X-Forwarded-Host", "catalog.example.org").header("X-Forwarded-Proto", "https")
                .when().get(path, pathParams).then()
                .statusCode(200)
                .body("links.find { it.rel == 'self' }.href", startsWith("https://catalog.example.org/"))
                .header("ETag", tag);
        as(apiKey).header("Host", "status-service.internal:8082")
                .when().get(path, pathParams).then()
                .statusCode(200)
                .body("links.find { it.rel == 'self' }.href", startsWith("http://status-service.internal:8082/"))
                .header("ETag", tag);
        return tag;
    }

    /**
     * A GET naming the document's current tag in If-None-Match (alone or in a list) is answered 304
     * with the tag and no body; naming other tags only, with the document.
     */
    static void assertNotModifiedWhileTagged(String apiKey, String tag, String path, Object... pathParams) {
        for (String ifNoneMatch : new String[] {tag, NO_DOCUMENTS_TAG + ", " + tag}) {
            String body = as(apiKey).header("If-None-Match", ifNoneMatch).when().get(path, pathParams).then()
                    .statusCode(304)
                    .header("ETag", tag)
                    .extract().asString();
            assertEquals("", body);
        }
        as(apiKey).header("If-None-Match", NO_DOCUMENTS_TAG).when().get(path, pathParams).then()
                .statusCode(200)
                .header("ETag", tag);
    }
}
