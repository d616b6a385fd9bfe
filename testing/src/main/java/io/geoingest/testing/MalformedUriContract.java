package io.geoingest.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.http.RawUtf8Targets;
import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every service answers to a path or query with a percent escape that is not one: a 400 that
 * says so in the error format of the API the path belongs to. Quarkus answered an empty 400, which
 * an Ingress passes on as it is. Each service's test extends this under {@code @QuarkusTest}.
 */
public abstract class MalformedUriContract {
    private static final String NOT_VALID = "Bad Request: the request's path or query is not valid: ";
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"/public/file/status/%zz", "/public/file/status/abc%",
            "/public/file/download/url?fileId=%zz", "/public/file/generateUploadId?fileName=%E9t%"})
    void aMalformedEscapeInAFileApiPathOrQueryIsABadRequestInTheFileApiFormat(String target) throws Exception {
        JsonNode error = badRequest(target);

        assertEquals(List.of("error"), fieldNames(error));
        assertTrue(error.get("error").asText().startsWith(NOT_VALID), error.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/stac/v1/collections/%zz", "/api/stac/v1/search?ids=a%2"})
    void aMalformedEscapeInAStacPathOrQueryIsABadRequestInStacFormat(String target) throws Exception {
        JsonNode error = badRequest(target);

        assertEquals(List.of("code", "description"), fieldNames(error));
        assertEquals(400, error.get("code").asInt());
        assertTrue(error.get("description").asText().startsWith(NOT_VALID), error.toString());
    }

    /**
     * Escapes of Latin-1 bytes were decoded into replacement characters: a file name sent as
     * {@code sc%E8ne.tif} was stored as {@code sc\uFFFDne.tif}, and an id looked up as another.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/public/file/status/caf%E9", "/public/file/generateUploadId?fileName=sc%E8ne.tif",
            "/api/stac/v1/collections/caf%e9", "/api/stac/v1/search?ids=%C3"})
    void escapesOfBytesThatAreNotUtf8AreABadRequestInTheFormatOfTheApi(String target) throws Exception {
        JsonNode error = badRequest(target);

        String message = target.startsWith("/public/") ? error.get("error").asText() : error.get("description").asText();
        assertEquals(RawUtf8Targets.ESCAPES_NOT_UTF8, message, error.toString());
    }

    /** The refusal closed the connection, though it left no body unread on it. */
    @Test
    void theConnectionCarriesTheNextRequestAfterTheRefusal() throws Exception {
        String answers = RawHttp.getEach(RestAssured.port, "Host: localhost\r\n", "/public/file/status/%zz", "/q/health/live");

        List<String> statuses = RawHttp.statusLines(answers);
        assertEquals(2, statuses.size(), answers);
        assertTrue(statuses.get(0).startsWith("HTTP/1.1 400 "), answers);
        assertTrue(statuses.get(1).startsWith("HTTP/1.1 200 "), answers);
    }

    /**
     * The refusal carried Connection: close, which HTTP/2 forbids, so HTTP/2 clients could not read
     * it; and it closed the connection, with every other request on it.
     */
    @Test
    void anHttp2ClientReadsTheRefusalAndKeepsItsConnection() throws Exception {
        try (H2cConnection connection = new H2cConnection(RestAssured.port)) {
            H2cConnection.Answer refused = connection.get("/public/file/status/%zz", Map.of("X-API-KEY", TestApiKeys.admin()));

            assertEquals(400, refused.status());
            assertTrue(JSON.readTree(refused.body()).get("error").asText().startsWith(NOT_VALID), refused.body());
            assertEquals(200, connection.get("/q/health/live", Map.of()).status());
            assertEquals(1, connection.connectionsUsed(), "the server ended the connection");
        }
    }

    private static JsonNode badRequest(String target) throws Exception {
        String answer = RawHttp.get(RestAssured.port, target, "Host: localhost\r\nX-API-KEY: " + TestApiKeys.admin() + "\r\n");

        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertTrue(answer.toLowerCase().contains("\r\ncontent-type: application/json"), answer);
        assertTrue(answer.toLowerCase().contains("\r\ncache-control: " + (target.startsWith("/public/") ? "no-store" : "private")),
                answer);
        return JSON.readTree(RawHttp.body(answer));
    }

    private static List<String> fieldNames(JsonNode error) {
        List<String> names = new ArrayList<>();
        error.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
