package io.geoingest.worker.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.event.FileStatusChanged;
import io.geoingest.common.event.Topics;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import io.geoingest.common.outbox.Outbox;
import io.geoingest.testing.TestInfrastructure;
import io.geoingest.worker.claim.FileClaims;
import io.geoingest.worker.faults.FaultyProxy;
import io.geoingest.worker.faults.S3ThroughFaultyProxy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The worker against real servers that fail: storage reads cut mid-file, Kafka stopped while files
 * queue up, PostgreSQL restarted under load or down for longer than the retries, a worker that
 * died holding a file. Every file ends in one terminal state, reached once.
 */
@QuarkusTest
class FaultToleranceTest extends PipelineTest {
    private static final Duration RECOVERY = Duration.ofSeconds(120);

    @Inject
    Outbox outbox;

    @Inject
    FileClaims claims;

    private final Random random = new Random(42);

    @Test
    void storageReadsCutInTheMiddleOfTheFileAreRetriedAndTheFileCompletes() {
        byte[] content = randomBytes(512 * 1024);
        FileRecord file = pipeline.storedFile("flaky-storage.bin", content, row -> {
        });
        FaultyProxy proxy = S3ThroughFaultyProxy.proxy();
        int cutBefore = proxy.connectionsCut();
        proxy.cutNextConnections(2, 64 * 1024);

        pipeline.send(Pipeline.eventFor(file));

        FileRecord done = pipeline.awaitTerminal(file.id);
        assertEquals(FileStatus.COMPLETED, done.status, () -> "failed with: " + done.failureReason);
        assertEquals(sha256Multihash(content), done.checksum, "the retried read hashed every byte exactly once");
        assertEquals(1, done.attempts, "storage faults are retried within the claim");
        assertEquals(2, proxy.connectionsCut() - cutBefore, "two reads were cut in the middle of the file");
    }

    @Test
    void hundredFilesQueuedWhileKafkaIsDownAllCompleteOnceItIsBack() {
        byte[] content = Pipeline.fixture("image.png");
        List<FileRecord> files = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            files.add(pipeline.storedFile("kafka-outage-" + n + ".png", content, row -> {
            }));
        }
        TestInfrastructure infrastructure = TestInfrastructure.get();
        infrastructure.stopKafka();
        try {
            // As the upload-service does: the event is written with the file, and published when Kafka is back.
            QuarkusTransaction.requiringNew().run(() -> files.forEach(file -> outbox.fileUploaded(Pipeline.eventFor(file))));
            assertTrue(files.stream().allMatch(file -> Pipeline.reload(file.id).status == FileStatus.QUEUED));
        } finally {
            infrastructure.startKafka();
        }

        assertAllCompletedOnce(files);
        files.forEach(file -> assertEquals(1, Pipeline.reload(file.id).attempts, "claimed once"));
    }

    @Test
    void anEventKafkaRefusesIsSetAsideAndTheEventsWrittenAfterItStillGoOut() {
        FileRecord file = pipeline.storedFile("after-a-refused-event.png", Pipeline.fixture("image.png"), row -> {
        });
        UUID oversized = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            // Larger than the producer's max.request.size (1 MiB): Kafka refuses it on every try.
            outbox.fileStatusChanged(new FileStatusChanged(oversized, FileStatus.FAILED, "x".repeat(1_200_000), null,
                    Instant.now()));
            outbox.fileUploaded(Pipeline.eventFor(file));
        });

        Pipeline.awaitTrue("the event written after the refused one to be sent", Duration.ofSeconds(30),
                () -> Pipeline.outboxRows(file.id.toString()).stream().allMatch(Pipeline.OutboxRow::sent));
        List<Pipeline.OutboxRow> refused = Pipeline.outboxRows(oversized.toString());
        assertEquals(1, refused.size());
        assertFalse(refused.get(0).sent());
        assertTrue(refused.get(0).refusal().orElse("").contains("max.request.size"), refused.get(0)::toString);
        FileRecord done = pipeline.awaitTerminal(file.id);
        assertEquals(FileStatus.COMPLETED, done.status, () -> "failed with: " + done.failureReason);
    }

    @Test
    void postgresRestartUnderLoadLosesNoFileAndCompletesNoneTwice() throws InterruptedException {
        List<FileRecord> files = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
            files.add(pipeline.storedFile("postgres-restart-" + n + ".bin", randomBytes(256 * 1024), row -> {
            }));
        }
        files.forEach(file -> pipeline.send(Pipeline.eventFor(file)));
        Pipeline.awaitTrue("the first files to be claimed",
                () -> files.stream().anyMatch(file -> Pipeline.reload(file.id).status != FileStatus.QUEUED));

        TestInfrastructure infrastructure = TestInfrastructure.get();
        infrastructure.stopPostgres(false);
        Thread.sleep(500);
        infrastructure.startPostgres();

        assertAllCompletedOnce(files);
    }

    @Test
    void databaseDownLongerThanTheRetriesDeadLettersTheEventAndFailsTheFileOnceItIsBack() {
        FileRecord file = pipeline.storedFile("database-outage.png", Pipeline.fixture("image.png"), row -> {
        });
        TestInfrastructure infrastructure = TestInfrastructure.get();
        List<ConsumerRecord<String, String>> deadLetters;
        infrastructure.stopPostgres(false);
        try {
            pipeline.send(Pipeline.eventFor(file));
            deadLetters = pipeline.awaitRecordsWithKey(Topics.FILE_UPLOADED_DLQ, file.id.toString());
        } finally {
            infrastructure.startPostgres();
        }

        String reason = new String(deadLetters.get(0).headers().lastHeader("dead-letter-reason").value());
        assertTrue(reason.startsWith("the database stayed unreachable: claiming file " + file.id + " failed 6 times"),
                reason);
        FileRecord done = pipeline.awaitTerminal(file.id, RECOVERY);
        assertEquals(FileStatus.FAILED, done.status);
        assertEquals(reason, done.failureReason);
    }

    /**
     * A worker that lost the database for longer than its lease dead-letters the file it held,
     * while another worker has claimed the file since: the dead letter, written after that claim,
     * failed the file under the other worker, whose result was then dropped. It names the claim
     * that gave up, and fails the file only if no later claim has it.
     */
    @Test
    void aDeadLetterOfAClaimThatAnotherClaimFollowedLeavesTheFileToIt() {
        FileRecord file = pipeline.storedFile("claimed-again.png", Pipeline.fixture("image.png"), row -> {
            row.status = FileStatus.IN_PROGRESS;
            row.attempts = 2;
            row.leaseUntil = Instant.now().plus(Duration.ofMinutes(5));
        });
        Instant writtenAfterTheSecondClaim = Instant.now().plusSeconds(1);

        assertFalse(claims.failDeadLettered(file.id, "the database stayed unreachable",
                new FileClaims.DeadLetter(writtenAfterTheSecondClaim, OptionalInt.of(1))));
        assertEquals(FileStatus.IN_PROGRESS, Pipeline.reload(file.id).status);

        assertTrue(claims.failDeadLettered(file.id, "the database stayed unreachable",
                new FileClaims.DeadLetter(writtenAfterTheSecondClaim, OptionalInt.of(2))));
        assertEquals(FileStatus.FAILED, Pipeline.reload(file.id).status, "the claim that holds it gave up");
    }

    @Test
    void sweeperTakesOverAFileWhoseWorkerDiedAndCompletesItOnce() {
        FileRecord file = orphaned("orphaned.png", 1);

        FileRecord done = pipeline.awaitTerminal(file.id);

        assertEquals(FileStatus.COMPLETED, done.status, () -> "failed with: " + done.failureReason);
        assertEquals(2, done.attempts);
        assertEquals(List.of(FileStatus.IN_PROGRESS, FileStatus.COMPLETED),
                pipeline.statusEvents(file.id).stream().map(FileStatusChanged::status).toList());
    }

    @Test
    void fileWhoseProcessingWasCutShortAsOftenAsAllowedIsFailedNotTriedAgain() {
        FileRecord file = orphaned("kills-workers.png", 5);

        FileRecord done = pipeline.awaitTerminal(file.id);

        assertEquals(FileStatus.FAILED, done.status);
        assertEquals("processing was cut short 5 times without an end (its worker was killed or ran out of memory"
                + " on this file); it is not tried again (geoingest.worker.max-claims)", done.failureReason);
        assertEquals(6, done.attempts);
    }

    @Test
    void fileGivenBackByStoppingWorkersMoreOftenThanMaxClaimsIsStillProcessed() {
        FileRecord file = pipeline.storedFile("rolling-updates.png", Pipeline.fixture("image.png"), row -> {
            row.attempts = 6;
            row.releases = 6;
        });

        pipeline.send(Pipeline.eventFor(file));

        FileRecord done = pipeline.awaitTerminal(file.id);
        assertEquals(FileStatus.COMPLETED, done.status, () -> "failed with: " + done.failureReason);
        assertEquals(7, done.attempts);
    }

    /** The event that brought the file may be done with (acknowledged as held), so none would come again. */
    @Test
    void fileGivenBackByAStoppingWorkerIsProcessedWithoutWaitingForTheSweeper() {
        FileRecord file = pipeline.storedFile("released.png", Pipeline.fixture("image.png"), row -> {
        });

        assertTrue(claims.release(claims.claim(file.id, false).orElseThrow()));

        FileRecord done = pipeline.awaitTerminal(file.id, Duration.ofSeconds(30));
        assertEquals(FileStatus.COMPLETED, done.status, () -> "failed with: " + done.failureReason);
        assertEquals(2, done.attempts);
    }

    @Test
    void claimsCutShortCountTowardMaxClaimsBesideClaimsGivenBack() {
        FileRecord file = orphaned("kills-workers-during-updates.png", 8, 3);

        FileRecord done = pipeline.awaitTerminal(file.id);

        assertEquals(FileStatus.FAILED, done.status);
        assertTrue(done.failureReason.startsWith("processing was cut short 5 times"), done.failureReason);
    }

    /** Workers stopped again and again on one file (their liveness failing as they read it) give it back each time. */
    @Test
    void fileGivenBackFourTimesMaxClaimsIsFailedNotTriedAgain() {
        FileRecord file = orphaned("stops-workers.png", 20, 18);

        FileRecord done = pipeline.awaitTerminal(file.id);

        assertEquals(FileStatus.FAILED, done.status);
        assertEquals("processing was cut short 2 times and given back by a stopping worker 18 times without an end (its"
                + " worker was killed or ran out of memory on this file); it is not tried again"
                + " (geoingest.worker.max-claims)", done.failureReason);
    }

    /**
     * A worker that dies cuts short the claim of every file it holds, though one of them alone may
     * have killed it: a healthy file held beside a poison one was FAILED with it, as if it had
     * killed max-claims workers. A file cut short before is read with no other file beside it, so
     * a worker that dies then dies of it alone.
     */
    @Test
    void aFileCutShortBeforeIsProcessedWithNoOtherFileBesideIt() throws InterruptedException {
        FileRecord inFlight = pipeline.storedFile("in-flight-when-a-suspect-comes.bin", randomBytes(1024 * 1024), row -> {
        });
        FaultyProxy proxy = S3ThroughFaultyProxy.proxy();
        // Seconds to read each of the two files.
        proxy.throttle(256 * 1024);
        List<FileRecord> others = new ArrayList<>();
        FileRecord suspect;
        try {
            pipeline.send(Pipeline.eventFor(inFlight));
            Pipeline.awaitTrue("the file in flight to be claimed", () -> Pipeline.reload(inFlight.id).status == FileStatus.IN_PROGRESS);
            // Stored only now: the sweeper takes it as soon as it is stored.
            suspect = pipeline.storedFile("cut-short-beside-others.bin", randomBytes(2 * 1024 * 1024), row -> {
                row.status = FileStatus.IN_PROGRESS;
                row.attempts = 1;
                row.leaseUntil = Instant.now().minusSeconds(1);
            });
            pipeline.send(Pipeline.eventFor(suspect));
            Pipeline.awaitTrue("the file to be claimed again", () -> Pipeline.reload(suspect.id).attempts == 2);
            for (int n = 0; n < 3; n++) {
                others.add(pipeline.storedFile("beside-a-suspect-" + n + ".png", Pipeline.fixture("image.png"), row -> {
                }));
            }
            others.forEach(file -> pipeline.send(Pipeline.eventFor(file)));

            // Pending, the claim counts as given back (attempts - releases = 1); processed, as not (2).
            // The suspect is read first: processed at that moment, it was processed before the file in
            // flight ended if that is still IN_PROGRESS after.
            Pipeline.awaitTrue("the suspect to be processed", () -> {
                FileRecord waiting = Pipeline.reload(suspect.id);
                boolean processed = waiting.attempts - waiting.releases == 2 || waiting.status.isTerminal();
                assertFalse(processed && Pipeline.reload(inFlight.id).status == FileStatus.IN_PROGRESS,
                        "the suspect was processed beside the file in flight");
                return processed;
            });
        } finally {
            proxy.throttle(0);
        }

        FileRecord done = pipeline.awaitTerminal(suspect.id);
        assertEquals(FileStatus.COMPLETED, done.status, () -> "failed with: " + done.failureReason);
        assertEquals(FileStatus.COMPLETED, pipeline.awaitTerminal(inFlight.id).status);
        assertAllCompletedOnce(others);
        List<UUID> ids = new ArrayList<>(List.of(suspect.id));
        others.forEach(file -> ids.add(file.id));
        Map<UUID, List<FileStatusChanged>> events = pipeline.statusEventsOf(ids);
        Instant suspectDone = at(events.get(suspect.id), FileStatus.COMPLETED);
        for (FileRecord other : others) {
            Instant claimed = at(events.get(other.id), FileStatus.IN_PROGRESS);
            assertFalse(claimed.isBefore(suspectDone), () -> other.originalName + " was claimed at " + claimed
                    + ", while the file cut short before was read, until " + suspectDone);
        }
    }

    /**
     * After a crash every worker's sweeper finds the same files cut short. A worker emptied itself to
     * process one alone before it claimed it, and when another worker had claimed it meanwhile, had
     * held up its new files for nothing until the ones it held ended. Only the worker that holds the
     * file waits now.
     */
    @Test
    void aWorkerAnotherBeatToAFileCutShortBeforeGoesOnTakingFiles() throws Exception {
        FileRecord slow = pipeline.storedFile("held-while-another-worker-claims.bin", randomBytes(2 * 1024 * 1024), row -> {
        });
        FaultyProxy proxy = S3ThroughFaultyProxy.proxy();
        // Seconds to read the slow file (16): longer than a busy machine takes to claim the file arriving.
        proxy.throttle(128 * 1024);
        FileRecord arriving;
        FileRecord contested;
        try (Connection otherWorker = TestInfrastructure.get().connect()) {
            otherWorker.setAutoCommit(false);
            contested = orphaned("claimed-by-another-worker.png", 1);
            // Another worker's claim of the file, under way (its row locked) from the start: this worker's
            // sweeper, which may run at any time, would otherwise claim the orphaned file first and rightly
            // wait to process it alone (a fresh clone's CI met that).
            try (PreparedStatement lock = otherWorker.prepareStatement("select 1 from file where id = ? for update")) {
                lock.setObject(1, contested.id);
                lock.executeQuery().close();
            }
            pipeline.send(Pipeline.eventFor(slow));
            Pipeline.awaitTrue("the slow file to be claimed", () -> Pipeline.reload(slow.id).status == FileStatus.IN_PROGRESS);
            pipeline.send(Pipeline.eventFor(contested));
            Thread.sleep(1000);
            arriving = pipeline.storedFile("arriving-meanwhile.png", Pipeline.fixture("image.png"), row -> {
            });
            pipeline.send(Pipeline.eventFor(arriving));
            // 3 s were too few on a busy 2-core machine: the test ended the slow file's throttling first
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (Pipeline.reload(arriving.id).status == FileStatus.QUEUED && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            try (PreparedStatement claim = otherWorker.prepareStatement(
                    "update file set attempts = attempts + 1, lease_until = now() + interval '1 minute' where id = ?")) {
                claim.setObject(1, contested.id);
                assertEquals(1, claim.executeUpdate());
            }
            otherWorker.commit();
        } finally {
            proxy.throttle(0);
        }

        FileRecord slowDone = pipeline.awaitTerminal(slow.id);
        assertEquals(FileStatus.COMPLETED, slowDone.status, () -> "failed with: " + slowDone.failureReason);
        assertAllCompletedOnce(List.of(arriving));
        Map<UUID, List<FileStatusChanged>> events = pipeline.statusEventsOf(List.of(slow.id, arriving.id));
        Instant slowCompleted = at(events.get(slow.id), FileStatus.COMPLETED);
        Instant arrivingClaimed = at(events.get(arriving.id), FileStatus.IN_PROGRESS);
        assertTrue(arrivingClaimed.isBefore(slowCompleted), () -> "the file arriving meanwhile was claimed at "
                + arrivingClaimed + ", only once the slow file ended at " + slowCompleted);
        assertEquals(2, Pipeline.reload(contested.id).attempts, "only the other worker claimed it");
        // This worker's sweeper would take it over once the other worker's lease passes: end it.
        try (Connection connection = TestInfrastructure.get().connect();
                PreparedStatement end = connection.prepareStatement("update file set status = 'FAILED' where id = ?")) {
            end.setObject(1, contested.id);
            end.executeUpdate();
        }
    }

    private static Instant at(List<FileStatusChanged> changes, FileStatus status) {
        return changes.stream().filter(change -> change.status() == status).map(FileStatusChanged::at).findFirst()
                .orElseThrow(() -> new AssertionError("no " + status + " event in " + changes));
    }

    @Test
    void sweeperProcessesAFileLongQueuedWhoseEventWasLost() {
        FileRecord file = pipeline.storedFile("event-lost.png", Pipeline.fixture("image.png"), row -> {
            row.createdAt = Instant.now().minus(Duration.ofMinutes(5));
            row.updatedAt = row.createdAt;
        });

        FileRecord done = pipeline.awaitTerminal(file.id);

        assertEquals(FileStatus.COMPLETED, done.status, () -> "failed with: " + done.failureReason);
        assertEquals(1, done.attempts);
    }

    private void assertAllCompletedOnce(List<FileRecord> files) {
        for (FileRecord file : files) {
            FileRecord done = pipeline.awaitTerminal(file.id, RECOVERY);
            assertEquals(FileStatus.COMPLETED, done.status, () -> file.originalName + " failed with: " + done.failureReason);
        }
        Map<UUID, List<FileStatusChanged>> events = pipeline.statusEventsOf(files.stream().map(file -> file.id).toList());
        // The outbox delivers at least once: an event sent again after a restart is the same event (same time
        // to the nanosecond). A second completion would be a different event.
        events.forEach((id, changes) -> assertEquals(1,
                changes.stream().filter(change -> change.status() == FileStatus.COMPLETED).distinct().count(),
                () -> "file " + id + " completed once, events: " + changes));
    }

    private byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String sha256Multihash(byte[] content) {
        try {
            return "1220" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file whose worker claimed it {@code attempts} times, the last claim's lease just passed. */
    private FileRecord orphaned(String name, int attempts) {
        return orphaned(name, attempts, 0);
    }

    /** As {@link #orphaned(String, int)}, {@code releases} of those claims given back by stopping workers. */
    private FileRecord orphaned(String name, int attempts, int releases) {
        return pipeline.storedFile(name, Pipeline.fixture("image.png"), row -> {
            row.status = FileStatus.IN_PROGRESS;
            row.attempts = attempts;
            row.releases = releases;
            row.leaseUntil = Instant.now().minusSeconds(1);
        });
    }
}
