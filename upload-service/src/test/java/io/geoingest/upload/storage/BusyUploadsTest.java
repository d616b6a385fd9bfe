package io.geoingest.upload.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.testing.RawHttp;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.upload.FileRows;
import io.geoingest.upload.StoredObjects;
import io.geoingest.upload.TestData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Direct uploads while slow clients hold every buffer of the streaming memory: the others are
 * answered in time (a 503 to try again, or their file when it needs no buffer), never held for as
 * long as the slow clients take.
 */
@QuarkusTest
class BusyUploadsTest {
    private static final String UPLOAD = "/public/file/upload";
    private static final String BOUNDARY = "geoingest-busy";
    private static final int BUFFERS = 2;
    private static final Duration BUFFER_WAIT = Duration.ofSeconds(2);
    /** Well beyond the buffer wait: before it, an upload behind the slow clients waited for as long as they took. */
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(30);

    @TestHTTPResource(UPLOAD)
    URL uploadUrl;

    @Inject
    UploadStorage storage;

    @Inject
    StreamingConfig streaming;

    private final String key = TestApiKeys.uploader("busy-" + UUID.randomUUID());
    private final List<Socket> slowClients = new ArrayList<>();
    private StreamedObjects fewBuffers;

    @BeforeEach
    void slowClientsHoldEveryBuffer() throws Exception {
        fewBuffers = new StreamedObjects(storage, StreamingSettings.of(streaming).withBuffers(BUFFERS, BUFFER_WAIT));
        QuarkusMock.installMockForType(fewBuffers, StreamedObjects.class);
        for (int i = 0; i < BUFFERS; i++) {
            slowClients.add(startedAndStalled());
        }
        // the service reads each stalled file into a buffer of its own, and waits for the rest
        long giveUp = System.nanoTime() + ANSWERED_WITHIN.toNanos();
        while (fewBuffers.buffersFree() > 0) {
            assertTrue(System.nanoTime() < giveUp, "the stalled clients hold no buffer after " + ANSWERED_WITHIN);
            Thread.sleep(50);
        }
    }

    @AfterEach
    void slowClientsGoAway() throws IOException {
        for (Socket client : slowClients) {
            client.close();
        }
        fewBuffers.stop();
    }

    @Test
    void anUploadThatFindsNoBufferIsAskedToComeBackLater() throws Exception {
        HttpResponse<String> response = post(form(TestData.bytes(1000)));

        assertEquals(503, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"error\":\"Service Unavailable: too many uploads at once"), response.body());
        assertEquals(String.valueOf(BUFFER_WAIT.toSeconds()), response.headers().firstValue("Retry-After").orElse(""));
    }

    /** Sent in one PUT, it was stored and then waited for a buffer only to see that nothing followed. */
    @Test
    void aFileStoredInOnePutIsRecordedWithoutWaitingForABuffer() throws Exception {
        byte[] content = TestData.bytes(9 * TestData.MIB);

        HttpResponse<String> response = post(form(content));

        assertEquals(200, response.statusCode(), response.body());
        UUID fileId = UUID.fromString(new ObjectMapper().readTree(response.body()).path("fileId").asText());
        Map<String, Object> row = FileRows.file(fileId).orElseThrow();
        assertEquals("QUEUED", row.get("status"));
        assertArrayEquals(content, StoredObjects.read((String) row.get("object_key")));
    }

    private HttpResponse<String> post(byte[] form) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(uploadUrl.toURI()).timeout(ANSWERED_WITHIN).header("X-API-KEY", key)
                                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(form)).build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] form(byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scene.tif\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    /** A client that announces a small file and sends only its first bytes. */
    private Socket startedAndStalled() throws IOException {
        return RawHttp.postAndStall(uploadUrl.getHost(), uploadUrl.getPort(), UPLOAD,
                RawHttp.apiHeaders(uploadUrl.getHost(), key, "multipart/form-data; boundary=" + BOUNDARY),
                form(TestData.bytes(TestData.MIB)), 1000);
    }
}
