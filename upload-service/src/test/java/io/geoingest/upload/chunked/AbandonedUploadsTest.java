package io.geoingest.upload.chunked;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.storage.ObjectKeys;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.upload.FileRows;
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
        ChunkedClient.Started old = client.start("forgotten.bin");
        client.sendChunk(old, 1, TestData.bytes(100)).statusCode(200);
        FileRows.execute("update upload set updated_at = ? where id = ?",
                Timestamp.from(Instant.now().minus(Duration.ofDays(2))), old.uploadId());
        ChunkedClient.Started recent = client.start("busy.bin");
        client.sendChunk(recent, 1, TestData.bytes(100)).statusCode(200);

        int aborted = abandonedUploads.abortInactiveSince(Instant.now().minus(Duration.ofHours(24)));

        assertTrue(aborted >= 1, "the old upload was aborted");
        assertEquals("aborted", FileRows.upload(old.uploadId()).orElseThrow().get("status"));
        String prefix = "uploads/" + old.uploadId() + "/";
        assertEquals(List.of(), StoredObjects.multipartUploadsUnder(prefix));
        assertEquals(List.of(), StoredObjects.keysUnder(prefix));
        assertEquals(List.of(), StoredObjects.keysUnder(ObjectKeys.stagingPrefix(old.uploadId())));
        client.sendChunk(old, 2, TestData.bytes(10)).statusCode(409);

        assertEquals("in-progress", FileRows.upload(recent.uploadId()).orElseThrow().get("status"));
        client.sendChunk(recent, 2, TestData.bytes(100)).statusCode(200);
        client.complete(recent, 200).statusCode(200);
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
