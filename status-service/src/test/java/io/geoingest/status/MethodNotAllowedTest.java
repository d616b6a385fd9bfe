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
            "POST, /public/file/status/f1/events, GET",
            "DELETE, /public/file/status/f1/events, GET",
            "POST, /public/file/status/f1, GET",
            "PUT, /public/file/status/f1, GET",
            "DELETE, /public/file/status/f1, GET",
            "POST, /public/file/download/url, GET",
            "DELETE, /public/file/download/url, GET"})
    void aMethodAFileApiPathDoesNotTakeIsNotAllowedInTheFileApiFormat(String method, String path, String allowed) {
        WrongMethods.assertNotAllowedInFileApiFormat(method, path, allowed);
    }
}
