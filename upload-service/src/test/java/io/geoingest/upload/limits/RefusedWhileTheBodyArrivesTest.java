package io.geoingest.upload.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.testing.RawHttp;
import io.geoingest.testing.TestApiKeys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Refusals that Quarkus REST answers while the body is still arriving (from a filter, or once
 * more of the body came than the endpoint takes) end the request as EarlyRefusal ends one it
 * refuses before its body: with {@code Connection: close}, then the rest of the body is read and
 * dropped and the connection closed. A proxy in front (the gateway, nginx, an Ingress) keeps such
 * an answer; a connection left open, or reset under a body still being sent, turns it into a 502.
 * The bodies here are sent slowly, a piece at a time, from a thread of their own, as a proxy
 * passes on a large upload, while the answer is read.
 */
@QuarkusTest
class RefusedWhileTheBodyArrivesTest {
    private static final int PIECE = 64 * 1024;
    private static final int TIMEOUT_MILLIS = 15_000;
    private static final String BOUNDARY = "refusal-boundary";
    private static final String MULTIPART = "multipart/form-data; boundary=" + BOUNDARY;

    @TestHTTPResource("/")
    URI base;

    private final String key = TestApiKeys.uploader("refusal-" + UUID.randomUUID());

    @Test
    void aRepeatedQueryParameterOnAChunkIsAnsweredInFullWhileTheChunkArrives() throws Exception {
        byte[] body = form(List.of(file("file", new byte[4 << 20])));

        Exchange exchange = send("/public/file/uploadChunk?uploadId=" + UUID.randomUUID() + "&partNumber=1&partNumber=3",
                MULTIPART, body, false);

        assertEquals(400, exchange.status(), exchange.response());
        assertEquals("Bad Request: the query parameter partNumber is given more than once", exchange.error());
        exchange.assertFinishedAsAnEarlyRefusal();
    }

    @Test
    void aJsonBodySentInChunksOverItsLimitIsAnsweredInFull() throws Exception {
        String json = "{\"uploadId\": \"" + UUID.randomUUID() + "\", \"key\": \"k\", \"fileSize\": 1,"
                + " \"layerProperties\": [" + "{}, ".repeat(1 << 20) + "{}]}";

        Exchange exchange = send("/public/file/completeUpload", "application/json",
                json.getBytes(StandardCharsets.UTF_8), true);

        assertEquals(413, exchange.status(), exchange.response());
        assertTrue(exchange.error().contains("at most 1 MiB"), exchange.response());
        exchange.assertFinishedAsAnEarlyRefusal();
    }

    @Test
    void aFormSentInChunksOverItsLimitIsAnsweredInFull() throws Exception {
        byte[] body = form(List.of(file("padding", new byte[4 << 20])));

        Exchange exchange = send("/public/file/generateUploadId", MULTIPART, body, true);

        assertEquals(413, exchange.status(), exchange.response());
        assertTrue(exchange.error().contains("at most 1 MiB"), exchange.response());
        exchange.assertFinishedAsAnEarlyRefusal();
    }

    /** A part the direct upload skips (any but {@code file}) was read to its end, however large, without a Content-Length. */
    @Test
    void aDirectUploadSentInChunksWithAnExtraPartOverItsLimitIsAnsweredInFull() throws Exception {
        byte[] body = form(List.of(file("file", new byte[1000]), file("thumbnail", new byte[10 << 20])));

        Exchange exchange = send("/public/file/upload", MULTIPART, body, true);

        assertEquals(413, exchange.status(), exchange.response());
        assertTrue(exchange.error().contains("a direct upload may be at most 9 MiB"), exchange.response());
        exchange.assertFinishedAsAnEarlyRefusal();
    }

    @Test
    void aFormOfTooManyPartsIsAnsweredInFullWhileItsFileArrives() throws Exception {
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < 33; i++) {
            parts.add(field("field" + i));
        }
        parts.add(file("file", new byte[4 << 20]));

        Exchange exchange = send("/public/file/upload", MULTIPART, form(parts), false);

        assertEquals(400, exchange.status(), exchange.response());
        assertEquals("Bad Request: the form has more than 32 parts", exchange.error());
        exchange.assertFinishedAsAnEarlyRefusal();
    }

    @Test
    void aSecondFileIsAnsweredInFullWhileItArrives() throws Exception {
        byte[] body = form(List.of(file("file", new byte[1024]), file("file", new byte[4 << 20])));

        Exchange exchange = send("/public/file/upload", MULTIPART, body, false);

        assertEquals(400, exchange.status(), exchange.response());
        assertEquals("Bad Request: send one file per request", exchange.error());
        exchange.assertFinishedAsAnEarlyRefusal();
    }

    @Test
    void aFormFieldGivenTwiceIsAnsweredInFullWhileTheChunkArrives() throws Exception {
        byte[] body = form(List.of(field("partNumber"), field("partNumber"), file("file", new byte[4 << 20])));

        Exchange exchange = send("/public/file/uploadChunk?uploadId=" + UUID.randomUUID(), MULTIPART, body, true);

        assertEquals(400, exchange.status(), exchange.response());
        assertEquals("Bad Request: the form field partNumber is given more than once", exchange.error());
        exchange.assertFinishedAsAnEarlyRefusal();
    }

    @Test
    void aFormWithoutItsBoundaryIsAnsweredInFullWhileItArrives() throws Exception {
        byte[] body = form(List.of(file("file", new byte[4 << 20])));

        Exchange exchange = send("/public/file/upload", "multipart/form-data", body, false);

        assertEquals(400, exchange.status(), exchange.response());
        assertTrue(exchange.error().contains("needs a boundary"), exchange.response());
        exchange.assertFinishedAsAnEarlyRefusal();
    }

    @Test
    void aUrlEncodedStartFormOverItsLengthIsAnsweredInFullWhileItArrives() throws Exception {
        byte[] body = ("fileName=scene.tif&padding=" + "x".repeat(900 * 1024)).getBytes(StandardCharsets.US_ASCII);

        Exchange exchange = send("/public/file/generateUploadId", "application/x-www-form-urlencoded", body, false);

        assertEquals(400, exchange.status(), exchange.response());
        assertTrue(exchange.error().startsWith("Bad Request: the form is too long"), exchange.response());
        exchange.assertFinishedAsAnEarlyRefusal();
    }

    /** What the client read, and how its sending of the body ended (null: all of it was sent). */
    private record Exchange(String response, IOException sending) {
        int status() {
            return Integer.parseInt(response.substring(9, 12));
        }

        String head() {
            return response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
        }

        String error() throws IOException {
            return new ObjectMapper().readTree(response.substring(response.indexOf("\r\n\r\n") + 4)).path("error").asText();
        }

        /**
         * The answer said the connection closes, the server closed it (the client read to its end),
         * and it read the body to its end first rather than reset the connection under it.
         */
        void assertFinishedAsAnEarlyRefusal() {
            assertTrue(head().contains("\r\nconnection: close"), response);
            assertNull(sending, () -> "the body could not be sent in full: " + sending);
        }
    }

    /**
     * Sends the head, then the body from a thread of its own, {@value #PIECE} bytes at a time with a
     * pause between, while this thread reads the answer until the server closes the connection.
     */
    private Exchange send(String target, String contentType, byte[] body, boolean chunked) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(RawHttp.postHead(target, RawHttp.apiHeaders(base.getHost() + ":" + base.getPort(), key, contentType)
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n")));
            out.flush();
            CompletableFuture<IOException> sending = CompletableFuture.supplyAsync(() -> {
                try {
                    for (int at = 0; at < body.length; at += PIECE) {
                        int length = Math.min(PIECE, body.length - at);
                        if (chunked) {
                            RawHttp.writeChunk(out, body, at, length);
                        } else {
                            out.write(body, at, length);
                        }
                        out.flush();
                        Thread.sleep(5);
                    }
                    if (chunked) {
                        RawHttp.writeLastChunk(out);
                        out.flush();
                    }
                    return null;
                } catch (IOException e) {
                    return e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new IOException(e);
                }
            });
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(read);
            } catch (IOException e) {
                throw new AssertionError("the connection was not closed after the answer, or was reset: " + e
                        + "; read: " + read.toString(StandardCharsets.UTF_8), e);
            }
            String response = read.toString(StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 "), "no answer: " + response);
            return new Exchange(response, sending.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        }
    }

    private static byte[] form(List<byte[]> parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        parts.forEach(body::writeBytes);
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    private static byte[] file(String field, byte[] content) {
        return part("Content-Disposition: form-data; name=\"" + field + "\"; filename=\"part.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n", content);
    }

    private static byte[] field(String name) {
        return part("Content-Disposition: form-data; name=\"" + name + "\"\r\n", "1".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] part(String headers, byte[] content) {
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        part.writeBytes(("--" + BOUNDARY + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.US_ASCII));
        part.writeBytes(content);
        part.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return part.toByteArray();
    }
}
