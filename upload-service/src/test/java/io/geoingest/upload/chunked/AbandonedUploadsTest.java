package io.geoingest.upload.chunked;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.storage.ObjectKeys;
import io.geoingest.testing.LogCapture;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.upload.FileRows;
import io.geoingest.upload.ServiceStorage;
import io.geoingest.upload.StoredObjects;
import io.geoingest.upload.TestData;
import io.geoingest.upload.storage.UploadStorage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.CompletedPart;

@QuarkusTest
class AbandonedUploadsTest {

    @Inject
    AbandonedUploads abandonedUploads;

    @Inject
    UploadStorage storage;

    @Inject
    ChunkedUploads uploads;

    @Inject
    UploadStore store;

    @Inject
    EntityManager entityManager;

    private static final byte[] SMALL_CHUNKS = TestData.bytes(500);

    private final ChunkedClient client = new ChunkedClient(TestApiKeys.uploader("abandoning-" + UUID.randomUUID()));

    @Test
    void uploadsLeftAloneTooLongAreAbortedAndTheirPartsRemoved() {
        ChunkedClient.Started old = leftAloneForTwoDays("forgotten.bin");
        ChunkedClient.Started recent = client.start("busy.bin");
        client.sendChunk(recent, 1, TestData.bytes(100)).statusCode(200);

        int aborted = abandonedUploads.abortInactiveFor(Duration.ofHours(24));

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
        abandonedUploads.abortInactiveFor(Duration.ofHours(24));
        assertEquals("aborted", FileRows.upload(old.uploadId()).orElseThrow().get("status"));

        ServiceStorage.restore();
        abandonedUploads.abortInactiveFor(Duration.ofHours(24));

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
        abandonedUploads.abortInactiveFor(Duration.ofHours(24));
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

    /**
     * A completion whose service stopped in the middle leaves its upload completing, and silent:
     * the sweep settles it without waiting a day, reopening it while storage holds its parts (it
     * aborted it, and the whole file had to be sent again).
     */
    @Test
    void aCompletionCutOffCanBeAbortedOnceSilentAndTheSweepReopensItWithoutWaitingADay() {
        ChunkedClient.Started cutOff = client.start("cut-off.bin");
        client.sendChunk(cutOff, 1, TestData.bytes(100)).statusCode(200);
        completing(cutOff, Instant.now().minus(Duration.ofMinutes(10)));
        ChunkedClient.Started swept = client.start("swept.bin");
        client.sendChunk(swept, 1, TestData.bytes(100)).statusCode(200);
        completing(swept, Instant.now().minus(Duration.ofMinutes(10)));
        ChunkedClient.Started alive = client.start("still-completing.bin");
        client.sendChunk(alive, 1, TestData.bytes(100)).statusCode(200);
        completing(alive, Instant.now());

        client.abort(alive.uploadId()).statusCode(409);
        client.abort(cutOff.uploadId()).statusCode(204);
        abandonedUploads.abortInactiveFor(Duration.ofHours(24));

        assertEquals("aborted", FileRows.upload(cutOff.uploadId()).orElseThrow().get("status"));
        assertEquals(List.of(), StoredObjects.multipartUploadsUnder("uploads/" + cutOff.uploadId() + "/"));
        assertEquals(List.of(), StoredObjects.keysUnder(ObjectKeys.stagingPrefix(cutOff.uploadId())));
        assertEquals("in-progress", FileRows.upload(swept.uploadId()).orElseThrow().get("status"));
        client.complete(swept, 100).statusCode(200);
        assertEquals("completing", FileRows.upload(alive.uploadId()).orElseThrow().get("status"));
    }

    /**
     * Its service stopped before the parts were used: a cut-off completion answered 409 until the
     * sweep aborted the upload, up to an hour later, and the whole file had to be sent again.
     * Asked about once silent, the upload is open again, and completes without a part sent again.
     */
    @Test
    void anUploadWhoseCompletionWasCutOffBeforeItUsedThePartsIsReopenedAndCompletes() {
        TwoParts sent = withALargeAndASmallChunk("reopened.bin");
        ChunkedClient.Started upload = sent.upload();
        completing(upload, Instant.now().minus(Duration.ofMinutes(10)));

        client.parts(upload.uploadId()).statusCode(200).body("status", equalTo("in-progress"));
        client.complete(upload, sent.size()).statusCode(200);

        assertArrayEquals(sent.file(), StoredObjects.read(upload.key()));
    }

    /**
     * Chunks all under 5 MiB are written anew into one file: storage failing at the end of it
     * aborted the upload and removed the chunks, for the whole file to be sent again, though
     * nothing had used them up. The upload stays open and completes once storage is back.
     */
    @Test
    void smallChunksAreKeptThroughACompletionThatStorageFailed() {
        ChunkedClient.Started upload = withTwoSmallChunks("small-chunks-storage-failed.bin");
        ServiceStorage.failing("completeMultipartUpload");

        client.complete(upload, SMALL_CHUNKS.length).statusCode(500);
        client.parts(upload.uploadId()).statusCode(200).body("status", equalTo("in-progress"))
                .body("parts.size()", equalTo(2));

        ServiceStorage.restore();
        assertCompletesWithTheSmallChunks(upload);
    }

    /**
     * Its service stopped while writing chunks all under 5 MiB anew into the file: the upload was
     * aborted once the completion fell silent, though its chunks were all still stored. It is
     * reopened, and completes without a chunk sent again.
     */
    @Test
    void smallChunksAreKeptThroughACompletionCutOffWritingTheFile() {
        ChunkedClient.Started upload = withTwoSmallChunks("small-chunks-cut-off.bin");
        ServiceStorage.stopsAt("completeMultipartUpload");
        client.complete(upload, SMALL_CHUNKS.length).statusCode(500);
        ServiceStorage.restore();
        assertEquals("completing", FileRows.upload(upload.uploadId()).orElseThrow().get("status"));
        completing(upload, Instant.now().minus(Duration.ofMinutes(10)));

        assertCompletesWithTheSmallChunks(upload);
    }

    /**
     * Its service stopped while writing the file anew (small chunks between large ones): the
     * multipart upload that completion had started was left in storage for good, as no abort knew
     * of it, and so is one started just before the service could record it. Nothing can be
     * resumed; the upload is aborted and storage keeps nothing of it.
     */
    @Test
    void anUploadWhoseCompletionWasCutOffWritingTheFileAnewIsAbortedWithWhatThatCompletionStored() {
        ChunkedClient.Started upload = client.start("rebuilt.bin");
        client.sendChunk(upload, 1, TestData.bytes((int) AssemblyPlan.MIN_PART_SIZE)).statusCode(200);
        client.sendChunk(upload, 2, TestData.bytes(100)).statusCode(200);
        client.sendChunk(upload, 3, TestData.bytes((int) AssemblyPlan.MIN_PART_SIZE)).statusCode(200);
        String s3UploadId = (String) FileRows.upload(upload.uploadId()).orElseThrow().get("s3_upload_id");
        Map<Integer, String> eTags = storage.partETags(upload.key(), s3UploadId);
        storage.completeMultipartUpload(upload.key(), s3UploadId, List.of(
                CompletedPart.builder().partNumber(1).eTag(eTags.get(1)).build(),
                CompletedPart.builder().partNumber(3).eTag(eTags.get(3)).build()));
        FileRows.execute("update upload set rebuild_s3_upload_id = ? where id = ?",
                storage.createMultipartUpload(upload.key()), upload.uploadId());
        storage.createMultipartUpload(upload.key());
        completing(upload, Instant.now().minus(Duration.ofMinutes(10)));

        client.complete(upload, 2L * AssemblyPlan.MIN_PART_SIZE + 100).statusCode(409);

        assertEquals("aborted", FileRows.upload(upload.uploadId()).orElseThrow().get("status"));
        String prefix = "uploads/" + upload.uploadId() + "/";
        assertEquals(List.of(), StoredObjects.multipartUploadsUnder(prefix));
        assertEquals(List.of(), StoredObjects.keysUnder(prefix));
        assertEquals(List.of(), StoredObjects.keysUnder(ObjectKeys.stagingPrefix(upload.uploadId())));
    }

    /**
     * Storage completed the file, but its answer was lost (a timeout): told 500, the client
     * completes again, and storage, which knows the multipart upload no more, answers NoSuchUpload.
     * That was taken for an upload gone: the upload was aborted and the whole file removed from
     * storage. The file is recorded, as stored; the same holds once such a completion falls silent.
     */
    @Test
    void aCompletionSentAgainAfterStoragesAnswerWasLostRecordsTheFileStorageWrote() {
        for (boolean fallsSilent : new boolean[] {false, true}) {
            TwoParts sent = withALargeAndASmallChunk("answer-lost-" + fallsSilent + ".bin");
            ChunkedClient.Started upload = sent.upload();
            if (fallsSilent) {
                ServiceStorage.stopsAfter("completeMultipartUpload");
            } else {
                ServiceStorage.answerLostOnce("completeMultipartUpload");
            }
            client.complete(upload, sent.size()).statusCode(500);
            ServiceStorage.knowsNoMultipartUploads();
            if (fallsSilent) {
                completing(upload, Instant.now().minus(Duration.ofMinutes(10)));
            }

            client.complete(upload, sent.size()).statusCode(200);
            ServiceStorage.restore();

            assertArrayEquals(sent.file(), StoredObjects.read(upload.key()));
            assertEquals("completed", FileRows.upload(upload.uploadId()).orElseThrow().get("status"));
        }
    }

    /**
     * Storage completed the upload and the database recorded it (the client was told its file is
     * stored), then lost that with its last transactions (a failover to a replica behind, a
     * restore): the upload is in progress again, with no file. Its sweep aborted the multipart
     * upload storage no longer knew and deleted the object, the only copy of the file. The object
     * is kept, and an ERROR says where; the staged chunks are removed.
     */
    @Test
    void theSweepKeepsAFileStorageCompletedForAnUploadTheDatabaseHasInProgress() {
        TwoParts sent = withALargeAndASmallChunk("completion-lost-by-the-database.bin");
        ChunkedClient.Started upload = sent.upload();
        String s3UploadId = (String) FileRows.upload(upload.uploadId()).orElseThrow().get("s3_upload_id");
        String staged = StoredObjects.keysUnder(ObjectKeys.stagingPrefix(upload.uploadId())).get(0);
        String lastPart = storage.copyPart(upload.key(), s3UploadId, 2, staged, Optional.empty(), Optional.empty());
        storage.completeMultipartUpload(upload.key(), s3UploadId, List.of(
                CompletedPart.builder().partNumber(1).eTag(storage.partETags(upload.key(), s3UploadId).get(1)).build(),
                CompletedPart.builder().partNumber(2).eTag(lastPart).build()));
        FileRows.execute("update upload set updated_at = ? where id = ?",
                Timestamp.from(Instant.now().minus(Duration.ofDays(2))), upload.uploadId());
        ServiceStorage.knowsNoMultipartUploads();

        List<LogCapture.Line> lines;
        try (LogCapture capture = LogCapture.start()) {
            abandonedUploads.abortInactiveFor(Duration.ofHours(24));
            lines = capture.lines();
        }
        ServiceStorage.restore();

        assertEquals("aborted", FileRows.upload(upload.uploadId()).orElseThrow().get("status"));
        assertArrayEquals(sent.file(), StoredObjects.read(upload.key()));
        assertEquals(List.of(), StoredObjects.keysUnder(ObjectKeys.stagingPrefix(upload.uploadId())));
        assertTrue(lines.stream().anyMatch(line -> line.message().contains(upload.uploadId())
                        && line.message().contains(upload.key()) && line.message().contains("no record of its completion")),
                "an ERROR names the object kept: " + lines);
    }

    /**
     * A completion's silence was told by this service's clock against the time the service running
     * the completion wrote: with clocks minutes apart, a live completion was taken for one cut off,
     * and reopened or aborted with its parts deleted. Here the database's time stands still (its
     * now() is a transaction's start) while this service's clock runs on, past the silence: by
     * the database's time the completion was heard from within it, and it stays completing.
     */
    @Test
    void aCompletionIsSilentByTheDatabasesClockNotByThisServicesClock() throws InterruptedException {
        ChunkedClient.Started upload = client.start("alive-by-the-databases-clock.bin");
        client.sendChunk(upload, 1, TestData.bytes(100)).statusCode(200);
        QuarkusTransaction.begin();
        try {
            Instant databaseNow = Instant.ofEpochMilli(((Number) entityManager
                    .createNativeQuery("select cast(extract(epoch from now()) * 1000 as bigint)").getSingleResult()).longValue());
            Duration withinTheSilence = UploadCompletion.SILENCE_OF_A_CUT_OFF_COMPLETION.minusSeconds(2);
            completing(upload, databaseNow.minus(withinTheSilence));
            Thread.sleep(Duration.ofSeconds(3).toMillis());
            assertTrue(Instant.now().minus(UploadCompletion.SILENCE_OF_A_CUT_OFF_COMPLETION)
                    .isAfter(databaseNow.minus(withinTheSilence)), "silent for longer by this service's clock");

            uploads.settledIfCutOff(store.find(upload.uploadId()).orElseThrow());

            // read in the transaction, whose changes the rollback undoes, and past its cached entity
            assertEquals("completing", entityManager.createNativeQuery("select status from upload where id = ?1")
                    .setParameter(1, upload.uploadId()).getSingleResult());
            assertFalse(store.cutOffCompletions(100).stream().anyMatch(cutOff -> cutOff.id.equals(upload.uploadId())));
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    /** An upload of {@link #SMALL_CHUNKS} in two chunks, each under the size of a part in storage. */
    private ChunkedClient.Started withTwoSmallChunks(String fileName) {
        ChunkedClient.Started upload = client.start(fileName);
        client.sendChunk(upload, 1, Arrays.copyOfRange(SMALL_CHUNKS, 0, 300)).statusCode(200);
        client.sendChunk(upload, 2, Arrays.copyOfRange(SMALL_CHUNKS, 300, SMALL_CHUNKS.length)).statusCode(200);
        return upload;
    }

    private void assertCompletesWithTheSmallChunks(ChunkedClient.Started upload) {
        client.complete(upload, SMALL_CHUNKS.length).statusCode(200);
        assertArrayEquals(SMALL_CHUNKS, StoredObjects.read(upload.key()));
    }

    /** An upload sent a first chunk of 5 MiB, a storage part as it is, and a last one of 100 bytes, staged. */
    private record TwoParts(ChunkedClient.Started upload, byte[] large, byte[] small) {
        long size() {
            return large.length + small.length;
        }

        byte[] file() {
            return concat(large, small);
        }
    }

    private TwoParts withALargeAndASmallChunk(String fileName) {
        ChunkedClient.Started upload = client.start(fileName);
        byte[] large = TestData.bytes((int) AssemblyPlan.MIN_PART_SIZE);
        byte[] small = TestData.bytes(100);
        client.sendChunk(upload, 1, large).statusCode(200);
        client.sendChunk(upload, 2, small).statusCode(200);
        return new TwoParts(upload, large, small);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static void completing(ChunkedClient.Started upload, Instant lastSignOfLife) {
        FileRows.execute("update upload set status = 'completing', updated_at = ? where id = ?",
                Timestamp.from(lastSignOfLife), upload.uploadId());
    }
}
