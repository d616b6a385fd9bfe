package io.geoingest.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.testing.RawHttp;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.testing.WrongMethods;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class MethodNotAllowedTest {

    /** POST on the status stream was 404 Not Found; the others were 405 without Allow. */
    @ParameterizedTest
    @CsvSource({
            "POST, /public/file/status/f1/events, 'GET, HEAD, OPTIONS'",
            "DELETE, /public/file/status/f1/events, 'GET, HEAD, OPTIONS'",
            "POST, /public/file/status/f1, 'GET, HEAD, OPTIONS'",
            "PUT, /public/file/status/f1, 'GET, HEAD, OPTIONS'",
            "DELETE, /public/file/status/f1, 'GET, HEAD, OPTIONS'",
            "POST, /public/file/download/url, 'GET, HEAD, OPTIONS'",
            "DELETE, /public/file/download/url, 'GET, HEAD, OPTIONS'"})
    void aMethodAFileApiPathDoesNotTakeIsNotAllowedInTheFileApiFormat(String method, String path, String allowed) {
        WrongMethods.assertNotAllowedInFileApiFormat(method, path, allowed);
    }

    /**
     * Spellings of a path that Quarkus REST routes like the plain one (a dot segment, an escaped
     * unreserved character) were answered without Allow. Sent raw: clients normalize them.
     */
    @ParameterizedTest
    @CsvSource({
            "/public/./file/status/f1/events, error",
            "/public/file/%73tatus/f1/events, error",
            "/api/./stac/v1/conformance, description"})
    void aMethodThePathDoesNotTakeIsNotAllowedHoweverThePathIsSpelt(String path, String messageField) throws IOException {
        String response = RawHttp.postInChunks(RestAssured.port, path,
                RawHttp.apiHeaders("localhost", TestApiKeys.admin(), "application/json"), "{}".getBytes(StandardCharsets.UTF_8));

        assertTrue(response.startsWith("HTTP/1.1 405 "), response);
        assertTrue(response.toLowerCase(Locale.ROOT).contains("\r\nallow: get, head, options\r\n"), response);
        assertEquals("Method Not Allowed: POST; this path takes GET, HEAD, OPTIONS",
                new JsonPath(RawHttp.body(response)).getString(messageField), response);
    }
}
