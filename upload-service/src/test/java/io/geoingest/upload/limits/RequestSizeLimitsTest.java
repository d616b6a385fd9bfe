package io.geoingest.upload.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.testing.Await;
import io.geoingest.testing.H2cConnection;
import io.geoingest.testing.RawHttp;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.upload.StoredObjects;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bodies that announce more than their endpoint takes are refused from their Content-Length, with
 * the API's error body and before the body is sent: these requests ask to continue first
 * ({@code Expect: 100-continue}, as curl does for large bodies) and never send a byte of body.
 */
@QuarkusTest
class RequestSizeLimitsTest {
    private static final long GIB = 1L << 30;

    @TestHTTPResource("/")
    URI base;

    private final String key = TestApiKeys.uploader("limits-" + UUID.randomUUID());

    @Test
    void aDirectUploadOverItsLimitIsRefusedUnreadAndStoresNothing() throws Exception {
        int objectsBefore = StoredObjects.keysUnder("files/").size();

        JsonNode error = refused("/public/file/upload", "multipart/form-data; boundary=xyz", 12L << 20);

        assertTrue(error.path("error").asText().contains("a direct upload may be at most 9 MiB"), error.toString());
        assertEquals(objectsBefore, StoredObjects.keysUnder("files/").size());
    }

    /** The direct upload answers at its path with a slash at the end too, which was held to the 1 MiB of a JSON call. */
    @Test
    void aDirectUploadAtItsPathWithATrailingSlashHasTheDirectUploadsLimit() throws Exception {
        given().header("X-API-KEY", key).multiPart("file", "slash.bin", new byte[2 << 20])
                .when().post("/public/file/upload/")
                .then().statusCode(200).body("size", equalTo(2 << 20));

        JsonNode error = refused("/public/file/upload/", "multipart/form-data; boundary=xyz", 12L << 20);
        assertTrue(error.path("error").asText().contains("a direct upload may be at most 9 MiB"), error.toString());
    }

    @Test
    void aChunkOverTheLargestPartIsRefusedUnread() throws Exception {
        JsonNode error = refused("/public/file/uploadChunk", "multipart/form-data; boundary=xyz", 6 * GIB);
        assertTrue(error.path("error").asText().contains("a chunk may be at most 5 GiB"), error.toString());
    }

    @Test
    void aJsonBodyOverItsLimitIsRefusedUnread() throws Exception {
        JsonNode error = refused("/public/file/completeUpload", "application/json", 2L << 20);
        assertTrue(error.path("error").asText().contains("at most 1 MiB"), error.toString());
    }

    @Test
    void aBodyOverQuarkusOwnLimitGetsTheErrorBodyToo() throws Exception {
        JsonNode error = refused("/public/file/generateUploadId", "application/json", 6 * GIB);
        assertTrue(error.path("error").asText().startsWith("The request body is too large"), error.toString());
    }

    /**
     * The refusal carried Connection: close, which HTTP/2 forbids, so HTTP/2 clients could not read
     * it; and it closed the connection, with every other request on it. Now the client is only told
     * to stop sending that body (a reset with NO_ERROR, which leaves it the answer).
     */
    @Test
    void overHttp2TheRefusalEndsOnlyItsOwnRequest() throws Exception {
        try (H2cConnection connection = new H2cConnection(base.getPort())) {
            H2cConnection.Answer refused = connection.postWithoutTheBody("/public/file/completeUpload",
                    Map.of("X-API-KEY", key, "Content-Type", "application/json"), 2L << 20);

            assertEquals(413, refused.status());
            assertTrue(new ObjectMapper().readTree(refused.body()).path("error").asText().contains("at most 1 MiB"),
                    refused.body());
            Await.until("the server to stop the body", Duration.ofSeconds(10), () -> !connection.resetsReceived().isEmpty());
            assertEquals(List.of(0L), connection.resetsReceived());
            assertEquals(200, connection.get("/q/health/live", Map.of()).status());
            assertEquals(1, connection.connectionsUsed(), "the server ended the connection");
        }
    }

    /**
     * A body sent in chunks says nothing of its length up front, and Quarkus' own limit is 5 GiB
     * for the sake of chunks: such a completeUpload of a few hundred megabytes was parsed whole and
     * took the service's heap (it exited, with every upload in progress). It is held to the same
     * limit as it arrives.
     */
    @Test
    void aJsonBodySentInChunksIsRefusedOnceOverItsLimit() throws Exception {
        Answer answer = sendInChunks("/public/file/completeUpload", "application/json", completionWithLayerProperties(1 << 20));

        assertEquals(413, answer.status(), answer.body());
        assertTrue(new ObjectMapper().readTree(answer.body()).path("error").asText().contains("at most 1 MiB"), answer.body());
    }

    @Test
    void aJsonBodySentInChunksWithinItsLimitIsRead() throws Exception {
        Answer answer = sendInChunks("/public/file/completeUpload", "application/json", completionWithLayerProperties(1 << 16));

        assertEquals(404, answer.status(), answer.body());
        assertEquals("Upload not found", new ObjectMapper().readTree(answer.body()).path("error").asText());
    }

    /** A completeUpload of an unknown upload whose layerProperties hold {@code count} empty objects and one more. */
    private static String completionWithLayerProperties(int count) {
        return "{\"uploadId\": \"" + UUID.randomUUID() + "\", \"key\": \"k\", \"fileSize\": 1,"
                + " \"layerProperties\": [" + "{}, ".repeat(count) + "{}]}";
    }

    private record Answer(int status, String body) {
    }

    private Answer sendInChunks(String path, String contentType, String body) throws IOException {
        String response = RawHttp.postInChunks(base.getPort(), path,
                RawHttp.apiHeaders(base.getHost() + ":" + base.getPort(), key, contentType), body.getBytes(StandardCharsets.UTF_8));
        String head = response.substring(0, response.indexOf("\r\n\r\n"));
        assertTrue(head.toLowerCase().contains("content-type: application/json"), response);
        return new Answer(Integer.parseInt(head.substring(9, 12)), RawHttp.body(response));
    }

    /** Sends only the request head, and reads the answer the server gives without the body. */
    private JsonNode refused(String path, String contentType, long contentLength) throws IOException {
        String response = RawHttp.answerWithoutTheBody(base.getPort(), path,
                RawHttp.apiHeaders(base.getHost() + ":" + base.getPort(), key, contentType) + "Expect: 100-continue\r\n",
                contentLength);
        String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase();
        assertTrue(head.startsWith("http/1.1 413 "), response);
        assertTrue(head.contains("content-type: application/json"), response);
        return new ObjectMapper().readTree(RawHttp.body(response));
    }
}
