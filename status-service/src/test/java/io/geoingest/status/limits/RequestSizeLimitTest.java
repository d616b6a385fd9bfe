package io.geoingest.status.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.testing.RawHttp;
import io.geoingest.testing.TestApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RequestSizeLimitTest {
    private static final String TOO_LARGE = "The request body is too large: at most 1 MiB (1048576 bytes)";

    private final String key = TestApiKeys.uploader("limits-" + UUID.randomUUID());

    /** A 1.5 MB polygon: parsed, it would hold tens of MB of heap for the one request. */
    @Test
    void aSearchBodyOverTheLimitGetsTheStacErrorBeforeItIsParsed() {
        given().header("X-API-KEY", key).contentType("application/json").body(searchWithPolygonOf(1_500_000))
                .post("/api/stac/v1/search")
                .then().statusCode(413)
                .body("code", equalTo(413))
                .body("description", equalTo(TOO_LARGE));
    }

    /** A body sent in chunks says nothing of its length up front: it is refused once it is over the limit. */
    @Test
    void aSearchBodySentInChunksOverTheLimitGetsTheStacError() throws IOException {
        String answer = searchInChunks(searchWithPolygonOf(1_500_000));

        assertEquals(List.of("HTTP/1.1 413 Request Entity Too Large"), RawHttp.statusLines(answer), answer);
        JsonNode error = new ObjectMapper().readTree(RawHttp.body(answer));
        assertEquals(413, error.path("code").asInt(), answer);
        assertEquals(TOO_LARGE, error.path("description").asText(), answer);
    }

    /** Just under the limit, in many chunks: white space that the parser reads to the end. */
    @Test
    void aSearchBodySentInChunksWithinTheLimitIsAnswered() throws IOException {
        String answer = searchInChunks("{\"limit\": 1" + " ".repeat(1_000_000) + "}");

        assertEquals(List.of("HTTP/1.1 200 OK"), RawHttp.statusLines(answer), answer);
        assertEquals("FeatureCollection", new ObjectMapper().readTree(RawHttp.body(answer)).path("type").asText(), answer);
    }

    private String searchInChunks(String search) throws IOException {
        return RawHttp.postInChunks(RestAssured.port, "/api/stac/v1/search",
                RawHttp.apiHeaders("localhost", key, "application/json"), search.getBytes(StandardCharsets.UTF_8));
    }

    /** A search whose polygon takes about {@code length} characters. */
    private static String searchWithPolygonOf(int length) {
        StringBuilder ring = new StringBuilder("[7.0,46.0]");
        while (ring.length() < length) {
            ring.append(",[7.123456,46.123456]");
        }
        return "{\"intersects\": {\"type\": \"Polygon\", \"coordinates\": [[" + ring + ",[7.0,46.0]]]}}";
    }
}
