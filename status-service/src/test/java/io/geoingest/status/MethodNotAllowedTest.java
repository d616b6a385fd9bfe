package io.geoingest.status;

import io.geoingest.testing.WrongMethods;
import io.quarkus.test.junit.QuarkusTest;
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
}
