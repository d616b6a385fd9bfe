package io.geoingest.worker.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.event.FileStatusChanged;
import io.geoingest.common.event.FileUploaded;
import io.geoingest.common.event.Topics;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/** The worker end to end: real S3, PostgreSQL and Kafka; events in, file rows and status events out. */
@QuarkusTest
class FileProcessingTest extends PipelineTest {

    @Test
    void pngIsCompletedWithItsChecksumAndTheMediaTypeOfItsBytes() throws IOException {
        byte[] png = png();
        // The name says nothing about the format: the media type must come from the bytes.
        FileRecord file = pipeline.storedFile("scene-preview.bin", png, row -> {
        });

        pipeline.send(Pipeline.eventFor(file));

        FileRecord done = pipeline.awaitTerminal(file.id);
        assertEquals(FileStatus.COMPLETED, done.status, () -> "failed with: " + done.failureReason);
        assertEquals(sha256Multihash(png), done.checksum);
        assertEquals("image/png", done.contentType);
        assertEquals(1, done.attempts);
        assertNull(done.failureReason);
        assertNull(done.leaseUntil, "a finished file holds no lease");
        assertTrue(done.updatedAt.isAfter(file.updatedAt));

        List<FileStatusChanged> events = pipeline.statusEvents(file.id);
        assertEquals(List.of(FileStatus.IN_PROGRESS, FileStatus.COMPLETED), statuses(events));
        events.forEach(event -> {
            assertEquals(file.id, event.fileId());
            assertNull(event.reason());
            assertNotNull(event.at());
        });
    }

    @Test
    void matchingExpectedChecksumCompletesWhateverTheCaseOfItsHex() throws IOException {
        byte[] png = png();
        FileRecord file = pipeline.storedFile("tile.png", png,
                row -> row.expectedChecksum = sha256Multihash(png).toUpperCase(Locale.ROOT));

        pipeline.send(Pipeline.eventFor(file));

        FileRecord done = pipeline.awaitTerminal(file.id);
        assertEquals(FileStatus.COMPLETED, done.status, () -> "failed with: " + done.failureReason);
        assertEquals(sha256Multihash(png), done.checksum);
    }

    @Test
    void wrongDeclaredSizeFailsWithBothSizes() throws IOException {
        byte[] png = png();
        FileRecord file = pipeline.storedFile("scene.png", png, row -> row.size = png.length + 10);

        pipeline.send(Pipeline.eventFor(file));

        FileRecord done = pipeline.awaitTerminal(file.id);
        assertEquals(FileStatus.FAILED, done.status);
        String reason = "size mismatch: declared " + (png.length + 10) + " bytes, stored " + png.length + " bytes";
        assertEquals(reason, done.failureReason);
        assertEquals(png.length, done.size, "the status shows the size stored, as the upload's answer did");
        assertEquals(1, done.attempts);
        assertNull(done.leaseUntil);

        List<FileStatusChanged> events = pipeline.statusEvents(file.id);
        assertEquals(List.of(FileStatus.IN_PROGRESS, FileStatus.FAILED), statuses(events));
        assertEquals(reason, events.get(1).reason());
    }

    @Test
    void differentExpectedChecksumFailsNamingBothChecksums() throws IOException {
        byte[] png = png();
        String expected = sha256Multihash("some other file".getBytes(StandardCharsets.UTF_8));
        FileRecord file = pipeline.storedFile("scene.png", png, row -> row.expectedChecksum = expected);

        pipeline.send(Pipeline.eventFor(file));

        FileRecord done = pipeline.awaitTerminal(file.id);
        assertEquals(FileStatus.FAILED, done.status);
        assertEquals("checksum mismatch: expected " + expected + " got " + sha256Multihash(png), done.failureReason);
        assertEquals(sha256Multihash(png), done.checksum, "the checksum of what is stored helps to find the mix-up");
    }

    @Test
    void emptyFileFails() {
        FileRecord file = pipeline.storedFile("empty.tif", new byte[0], row -> {
        });

        pipeline.send(Pipeline.eventFor(file));

        FileRecord done = pipeline.awaitTerminal(file.id);
        assertEquals(FileStatus.FAILED, done.status);
        assertEquals("file is empty", done.failureReason);
    }

    @Test
    void missingObjectFails() {
        FileRecord file = pipeline.fileWithoutObject("gone.tif", 1234);

        pipeline.send(Pipeline.eventFor(file));

        FileRecord done = pipeline.awaitTerminal(file.id);
        assertEquals(FileStatus.FAILED, done.status);
        assertEquals("stored object is missing", done.failureReason);
    }

    @Test
    void storageThatKeepsFailingEndsFailedWithTheStorageErrorAndTheEventDeadLettered() throws IOException {
        FileRecord file = pipeline.storedFile("unreachable.png", png(), row -> {
        });
        FileUploaded event = Pipeline.eventFor(file);
        FileUploaded fromUnreachableStorage = new FileUploaded(event.fileId(), "no-such-bucket-" + UUID.randomUUID(),
                event.key(), event.size(), event.sourceType(), event.expectedChecksum(), event.owner(), null, event.at());

        pipeline.send(fromUnreachableStorage);

        FileRecord done = pipeline.awaitTerminal(file.id);
        assertEquals(FileStatus.FAILED, done.status);
        assertTrue(done.failureReason.startsWith("reading the stored object failed 6 times (last error: "),
                done.failureReason);
        assertTrue(done.failureReason.contains("bucket"), done.failureReason);
        assertEquals(1, done.attempts, "retries happen within one claim");
        assertNull(done.leaseUntil);
        List<ConsumerRecord<String, String>> deadLetters = pipeline.awaitRecordsWithKey(Topics.FILE_UPLOADED_DLQ,
                file.id.toString());
        assertEquals(done.failureReason, new String(deadLetters.get(0).headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8), "the event is dead-lettered with the same reason");
    }

    @Test
    void sameEventTwiceInARowIsProcessedOnce() throws IOException {
        FileRecord file = pipeline.storedFile("twice.png", png(), row -> {
        });
        FileUploaded event = Pipeline.eventFor(file);

        pipeline.send(event);
        RecordMetadata second = pipeline.send(event);
        pipeline.awaitHandled(second);

        FileRecord done = Pipeline.reload(file.id);
        assertEquals(FileStatus.COMPLETED, done.status);
        assertEquals(1, done.attempts);
        assertEquals(List.of(FileStatus.IN_PROGRESS, FileStatus.COMPLETED), statuses(pipeline.statusEvents(file.id)));
    }

    @Test
    void manyFilesUploadedTogetherAllComplete() throws IOException {
        byte[] png = png();
        List<FileRecord> files = IntStream.range(0, 12)
                .mapToObj(n -> pipeline.storedFile("batch-" + n + ".png", png, row -> {
                }))
                .toList();

        files.forEach(file -> pipeline.send(Pipeline.eventFor(file)));

        for (FileRecord file : files) {
            FileRecord done = pipeline.awaitTerminal(file.id);
            assertEquals(FileStatus.COMPLETED, done.status, () -> "failed with: " + done.failureReason);
            assertEquals(1, done.attempts);
        }
    }

    @Test
    void fileOfAWorkerWhoseLeasePassedIsClaimedAgainAndCompleted() throws IOException {
        FileRecord file = pipeline.storedFile("orphan.png", png(), row -> {
            row.status = FileStatus.IN_PROGRESS;
            row.attempts = 1;
            row.leaseUntil = Instant.now().minus(Duration.ofMinutes(1));
        });

        pipeline.send(Pipeline.eventFor(file));

        FileRecord done = pipeline.awaitTerminal(file.id);
        assertEquals(FileStatus.COMPLETED, done.status, () -> "failed with: " + done.failureReason);
        assertEquals(2, done.attempts);
    }

    @Test
    void fileHeldByAnotherWorkerIsLeftToIt() throws IOException {
        Instant leaseUntil = Instant.now().plus(Duration.ofMinutes(5));
        FileRecord file = pipeline.storedFile("busy.png", png(), row -> {
            row.status = FileStatus.IN_PROGRESS;
            row.attempts = 1;
            row.leaseUntil = leaseUntil;
        });

        pipeline.awaitHandled(pipeline.send(Pipeline.eventFor(file)));

        FileRecord untouched = Pipeline.reload(file.id);
        assertEquals(FileStatus.IN_PROGRESS, untouched.status);
        assertEquals(1, untouched.attempts);
        assertEquals(leaseUntil.toEpochMilli(), untouched.leaseUntil.toEpochMilli());
    }

    @Test
    void recordThatIsNoEventGoesToTheDeadLetterTopicAndTheNextEventIsStillProcessed() throws IOException {
        FileRecord file = pipeline.storedFile("after-junk.png", png(), row -> {
        });
        String junk = "not an event " + UUID.randomUUID();

        // Same key, so the same partition: the junk record comes right before the good one.
        pipeline.sendRaw(file.id.toString(), junk);
        pipeline.send(Pipeline.eventFor(file));

        assertEquals(FileStatus.COMPLETED, pipeline.awaitTerminal(file.id).status);
        List<ConsumerRecord<String, String>> deadLetters = pipeline.recordsWithKey(Topics.FILE_UPLOADED_DLQ, file.id.toString());
        assertEquals(List.of(junk), deadLetters.stream().map(ConsumerRecord::value).toList());
        String reason = new String(deadLetters.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        assertTrue(reason.startsWith("not a file-uploaded event"), reason);
    }

    private static List<FileStatus> statuses(List<FileStatusChanged> events) {
        return events.stream().map(FileStatusChanged::status).toList();
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(30, 120, 200));
        graphics.fillRect(0, 0, 32, 24);
        graphics.setColor(Color.ORANGE);
        graphics.fillOval(4, 4, 16, 12);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "png", out));
        return out.toByteArray();
    }

    private static String sha256Multihash(byte[] content) {
        try {
            return "1220" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
