package io.geoingest.upload.chunked;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.geoingest.testing.LogCapture;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.upload.FileRows;
import io.geoingest.upload.StoredObjects;
import io.geoingest.upload.TestData;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A completion whose file the database refuses to record. */
@QuarkusTest
class CompletionRefusedTest {
    private static final String REFUSED_NAME = "refused-by-the-database.bin";

    private final ChunkedClient client = new ChunkedClient(TestApiKeys.uploader("refused-" + UUID.randomUUID()));

    /** Once the file has an id, the lines about it carry it, as the README promises a log reader. */
    @Test
    void theFailureIsLoggedWithTheIdOfTheFile() {
        FileRows.refuseFilesNamed(REFUSED_NAME);
        ChunkedClient.Started upload = client.start(REFUSED_NAME);
        client.sendChunk(upload, 1, TestData.bytes(100)).statusCode(200);
        List<LogCapture.Line> lines;
        try (LogCapture capture = LogCapture.start()) {
            client.complete(upload, 100).statusCode(500);
            lines = capture.lines();
        }

        LogCapture.Line failure = lines.stream().filter(line -> line.message().startsWith("Could not record the file of upload"))
                .findFirst().orElseThrow(() -> new AssertionError("no line about the failure in " + lines));
        assertNotEquals("", failure.fileId(), failure.toString());
        assertEquals(UUID.fromString(failure.fileId()).toString(), failure.fileId());
    }

    /**
     * The file was whole in storage when the database failed to record it for a moment: the upload
     * was aborted and the file deleted, to be sent again in full. The completion sent again records it.
     */
    @Test
    void aFileTheDatabaseFailedToRecordIsRecordedByTheCompletionSentAgain() {
        String name = "recorded-when-sent-again-" + UUID.randomUUID() + ".bin";
        byte[] large = TestData.bytes((int) AssemblyPlan.MIN_PART_SIZE);
        byte[] small = TestData.bytes(100);
        ChunkedClient.Started upload = client.start(name);
        client.sendChunk(upload, 1, large).statusCode(200);
        client.sendChunk(upload, 2, small).statusCode(200);
        FileRows.refuseFilesNamed(name);

        client.complete(upload, large.length + small.length).statusCode(500);
        FileRows.acceptFilesNamed(name);
        client.complete(upload, large.length + small.length).statusCode(200);

        byte[] whole = Arrays.copyOf(large, large.length + small.length);
        System.arraycopy(small, 0, whole, large.length, small.length);
        assertArrayEquals(whole, StoredObjects.read(upload.key()));
        assertEquals("completed", FileRows.upload(upload.uploadId()).orElseThrow().get("status"));
    }
}
