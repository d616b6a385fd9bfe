package io.geoingest.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ApiExceptionTest {

    @Test
    void theMessageComesFromEitherApisErrorFormat() {
        assertEquals("status of 42: File not found (HTTP 404)",
                ApiException.of("status of 42", 404, "{\"error\": \"File not found\"}").getMessage());
        assertEquals("creating the upload: Upload already in progress (HTTP 400)",
                ApiException.of("creating the upload", 400,
                        "{\"code\": 400, \"description\": \"Upload already in progress\", \"upload_id\": \"u1\"}").getMessage());
    }

    @Test
    void shortTextIsTheMessageAndPagesAreNot() {
        assertEquals("upload: no route (HTTP 502)", ApiException.of("upload", 502, "no route\n").getMessage());
        assertEquals("upload: Bad Gateway (HTTP 502)",
                ApiException.of("upload", 502, "<html><body><h1>502 Bad Gateway</h1></body></html>").getMessage());
        assertEquals("upload: Internal Server Error (HTTP 500)", ApiException.of("upload", 500, "").getMessage());
        assertEquals("upload: Internal Server Error (HTTP 500)", ApiException.of("upload", 500, "{not json").getMessage());
    }

    @Test
    void storagesXmlErrorGivesItsMessage() {
        assertEquals("upload of part 2: The Content-MD5 you specified did not match what we received. (HTTP 400)",
                ApiException.of("upload of part 2", 400, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>BadDigest"
                        + "</Code><Message>The Content-MD5 you specified did not match what we received.</Message></Error>")
                        .getMessage());
        assertEquals("part: Forbidden (HTTP 403)", ApiException.of("part", 403, "<Error><Code>AccessDenied</Code></Error>")
                .getMessage());
    }
}
