package io.geoingest.upload.chunked;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.storage.ObjectKeys;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.upload.FileRows;
import io.geoingest.upload.ServiceStorage;
import io.geoingest.upload.StoredObjects;
import io.geoingest.upload.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AbandonedUploadsTest {

    @Inject
    AbandonedUploads abandonedUploads;

    private final ChunkedClient client = new ChunkedClient(TestApiKeys.uploader("abandoning-" + UUID.randomUUID()));

    @Test
    void uploadsLeftAloneTooLongAreAbortedAndTheirPartsRemoved() {
        ChunkedClient.Started old = leftAloneForTwoDays("forgotten.bin");
        ChunkedClient.Started recent = client.start("busy.bin");
        client.sendChunk(recent, 1, TestData.bytes(100)).statusCode(200);

        int aborted = abandonedUploads.abortInactiveSince(Instant.now().minus(Duration.ofHours(24)));

        assertTrue(aborted >= 1, "the old upload was aborted");
        assertEquals("aborted", FileRows.upload(old.uploadId()).orElseThrow().get("status"));
        assertNothingStored(old);
        client.sendChunk(old, 2, TestData.bytes(10)).statusCode(409);

        assertEquals("in-progress", FileRows.upload(recent.uploadId()).orElseThrow().get("status"));
        client.sendChunk(recent, 2, TestData.bytes(100)).statusCode(200);
        client.complete(recent, 200).statusCode(200);
    }

    /** A sweep marked the upload aborted before removing its parts, and only logged a removal that failed. */
    @Test
    void partsASweepFailedToRemoveAreRemovedByALaterSweep() {
        ChunkedClient.Started old = leftAloneForTwoDays("forgotten-while-storage-was-down.bin");
        ServiceStorage.failing("abortMultipartUpload");
        abandonedUploads.abortInactiveSince(Instant.now().minus(Duration.ofHours(24)));
        assertEquals("aborted", FileRows.upload(old.uploadId()).orElseThrow().get("status"));

        ServiceStorage.restore();
        abandonedUploads.abortInactiveSince(Instant.now().minus(Duration.ofHours(24)));

        assertNothingStored(old);
    }

    /** The abort was a 500 after the upload had been recorded aborted, and nothing tried the removal again. */
    @Test
    void anAbortThatStorageFailsToCarryOutStandsAndALaterSweepRemovesTheParts() {
        ChunkedClient.Started upload = client.start("aborted-while-storage-was-down.bin");
        client.sendChunk(upload, 1, TestData.bytes(100)).statusCode(200);
        ServiceStorage.failing("abortMultipartUpload");

        client.abort(upload.uploadId()).statusCode(204);
        assertEquals("aborted", FileRows.upload(upload.uploadId()).orElseThrow().get("status"));

        ServiceStorage.restore();
        abandonedUploads.abortInactiveSince(Instant.now().minus(Duration.ofHours(24)));
        assertNothingStored(upload);
    }

    private ChunkedClient.Started leftAloneForTwoDays(String fileName) {
        ChunkedClient.Started upload = client.start(fileName);
        client.sendChunk(upload, 1, TestData.bytes(100)).statusCode(200);
        FileRows.execute("update upload set updated_at = ? where id = ?",
                Timestamp.from(Instant.now().minus(Duration.ofDays(2))), upload.uploadId());
        return upload;
    }

    private static void assertNothingStored(ChunkedClient.Started upload) {
        String prefix = "uploads/" + upload.uploadId() + "/";
        assertEquals(List.of(), StoredObjects.multipartUploadsUnder(prefix));
        assertEquals(List.of(), StoredObjects.keysUnder(prefix));
        assertEquals(List.of(), StoredObjects.keysUnder(ObjectKeys.stagingPrefix(upload.uploadId())));
    }

    /** A completion whose service stopped in the middle leaves its upload completing, and silent. */
    @Test
    void aCompletionCutOffCanBeAbortedOnceSilentAndTheSweepAbortsItWithoutWaitingADay() {
        ChunkedClient.Started cutOff = client.start("cut-off.bin");
        client.sendChunk(cutOff, 1, TestData.bytes(100)).statusCode(200);
        completing(cutOff, Instant.now().minus(Duration.ofMinutes(10)));
        ChunkedClient.Started swept = client.start("swept.bin");
        client.sendChunk(swept, 1, TestData.bytes(100)).statusCode(200);
        completing(swept, Instant.now().minus(Duration.ofMinutes(10)));
        ChunkedClient.Started alive = client.start("still-completing.bin");
        client.sendChunk(alive, 1, TestData.bytes(100)).statusCode(200);
        completing(alive, Instant.now());

        client.complete(cutOff, 100).statusCode(409);
        client.abort(alive.uploadId()).statusCode(409);
        client.abort(cutOff.uploadId()).statusCode(204);
        abandonedUploads.abortInactiveSince(Instant.now().minus(Duration.ofHours(24)));

        for (ChunkedClient.Started upload : List.of(cutOff, swept)) {
            assertEquals("aborted", FileRows.upload(upload.uploadId()).orElseThrow().get("status"));
            assertEquals(List.of(), StoredObjects.multipartUploadsUnder("uploads/" + upload.uploadId() + "/"));
            assertEquals(List.of(), StoredObjects.keysUnder(ObjectKeys.stagingPrefix(upload.uploadId())));
        }
        assertEquals("completing", FileRows.upload(alive.uploadId()).orElseThrow().get("status"));
    }

    private static void completing(ChunkedClient.Started upload, Instant lastSignOfLife) {
        FileRows.execute("update upload set status = 'completing', updated_at = ? where id = ?",
                Timestamp.from(lastSignOfLife), upload.uploadId());
    }
}
