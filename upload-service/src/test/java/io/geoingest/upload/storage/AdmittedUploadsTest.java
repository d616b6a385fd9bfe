package io.geoingest.upload.storage;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.storage.StorageConfig;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.upload.FileRows;
import io.geoingest.upload.StoredObjects;
import io.geoingest.upload.TestData;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An upload that has a buffer is not refused for want of the next: the buffer wait is for its
 * admission only, and refusing it later would throw away all it sent.
 */
@QuarkusTest
class AdmittedUploadsTest {
    private static final Duration BUFFER_WAIT = Duration.ofSeconds(1);
    private static final long GATE_TIMEOUT_SECONDS = 60;

    @Inject
    S3Client s3;

    @Inject
    StorageConfig storageConfig;

    @Inject
    StreamingConfig streaming;

    private final CountDownLatch firstPartSending = new CountDownLatch(1);
    private final CountDownLatch storageGoesOn = new CountDownLatch(1);
    private StreamedObjects oneBuffer;

    @AfterEach
    void stop() {
        storageGoesOn.countDown();
        oneBuffer.stop();
    }

    @Test
    void anUploadThatWaitsLongerThanTheBufferWaitForItsSecondBufferIsStored() throws Exception {
        oneBuffer = new StreamedObjects(slowFirstPart(),
                StreamingSettings.of(streaming).withBuffers(1, BUFFER_WAIT).withOnePut(false));
        QuarkusMock.installMockForType(oneBuffer, StreamedObjects.class);
        byte[] content = TestData.bytes(Math.toIntExact(streaming.partSize().asLongValue()) + 1000);

        CompletableFuture<Response> upload = CompletableFuture.supplyAsync(() -> given()
                .header("X-API-KEY", TestApiKeys.uploader("admitted-" + UUID.randomUUID()))
                .multiPart("file", "scene.tif", content).when().post("/public/file/upload"));
        assertTrue(firstPartSending.await(GATE_TIMEOUT_SECONDS, TimeUnit.SECONDS), "part 1 never went to storage");
        // the only buffer is part 1's until storage takes it, and part 2 waits for it meanwhile
        Thread.sleep(3 * BUFFER_WAIT.toMillis());
        storageGoesOn.countDown();
        Response response = upload.get(GATE_TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertEquals(200, response.statusCode(), response.asString());
        String key = (String) FileRows.file(UUID.fromString(response.path("fileId"))).orElseThrow().get("object_key");
        assertArrayEquals(content, StoredObjects.read(key));
    }

    /** The service's storage, but for part 1 of a multipart upload, which waits for the test to let it go on. */
    private UploadStorage slowFirstPart() {
        UploadStorage storage = new UploadStorage() {
            @Override
            public String uploadPart(String key, String uploadId, int partNumber, ContentStreamProvider content, long length) {
                if (partNumber == 1) {
                    firstPartSending.countDown();
                    try {
                        storageGoesOn.await(GATE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.uploadPart(key, uploadId, partNumber, content, length);
            }
        };
        storage.s3 = s3;
        storage.config = storageConfig;
        return storage;
    }
}
