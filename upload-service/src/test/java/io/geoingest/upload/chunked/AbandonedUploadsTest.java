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
}
