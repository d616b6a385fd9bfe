package io.geoingest.worker.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.file.SourceType;
import io.geoingest.common.storage.StorageConfig;
import io.geoingest.worker.WorkerConfig;
import io.geoingest.worker.claim.Claim;
import io.geoingest.worker.claim.ClaimLostException;
import io.geoingest.worker.claim.FileClaims;
import io.geoingest.worker.claim.Leases;
import io.geoingest.worker.format.Format;
import io.geoingest.worker.format.FormatReport;
import io.geoingest.worker.retry.Retrier;
import io.geoingest.worker.scan.ReadingDeadline;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What a file waits for before it is processed, beside others or alone. A file waiting for the lock
 * (behind a file processed alone, or for the worker to empty) while the worker began to stop was
 * claimed once it got the lock: the worker held files after its leases had been given back, and
 * they waited out their lease before another worker took them.
 */
class FileProcessorLocksTest {
    private final RecordingClaims claims = new RecordingClaims();
    private final Leases leases = new Leases();
    private final FileProcessor processor = new FileProcessor();
    private final CountDownLatch readingGoesOn = new CountDownLatch(1);
    private final CountDownLatch reading = new CountDownLatch(1);

    FileProcessorLocksTest() throws ReflectiveOperationException {
        WorkerConfig config = config();
        set(leases, "claims", claims);
        set(leases, "config", config);
        Retrier retrier = new Retrier();
        set(retrier, "config", config);
        processor.claims = claims;
        processor.leases = leases;
        processor.retrier = retrier;
        processor.config = config;
        processor.deadline = new ReadingDeadline(config);
        processor.storage = proxy(StorageConfig.class, name -> "bucket");
        processor.inspector = new ObjectInspector() {
            @Override
            Outcome inspect(Claim claim, String bucket, Runnable progress) {
                reading.countDown();
                await(readingGoesOn);
                // Ends the file without a status, which is all this test needs of it.
                throw new ClaimLostException(claim.fileId());
            }
        };
    }

    @Test
    void aFileWaitingBehindOneProcessedAloneIsNotClaimedOnceTheWorkerStops() throws Exception {
        UUID suspect = UUID.randomUUID();
        claims.cutShortBefore.add(suspect);
        CompletableFuture<ProcessingResult> alone = CompletableFuture.supplyAsync(() -> processor.process(suspect, Optional.empty()));
        await(reading);
        UUID waiting = UUID.randomUUID();
        CompletableFuture<ProcessingResult> behind = CompletableFuture.supplyAsync(() -> processor.process(waiting, Optional.empty()));
        Thread.sleep(200);

        beginStopping();
        readingGoesOn.countDown();

        assertEquals(ProcessingResult.DONE, alone.get(10, TimeUnit.SECONDS));
        assertEquals(ProcessingResult.DEFERRED, behind.get(10, TimeUnit.SECONDS), "its event is delivered again");
        assertEquals(List.of(suspect), claims.claimed, "the file that waited was not claimed");
    }

    @Test
    void aFileCutShortBeforeWaitingForTheWorkerToEmptyIsGivenBackOnceTheWorkerStops() throws Exception {
        UUID beside = UUID.randomUUID();
        CompletableFuture<ProcessingResult> held = CompletableFuture.supplyAsync(() -> processor.process(beside, Optional.empty()));
        await(reading);
        UUID suspect = UUID.randomUUID();
        claims.cutShortBefore.add(suspect);
        CompletableFuture<ProcessingResult> waiting = CompletableFuture.supplyAsync(() -> processor.process(suspect, Optional.empty()));
        Thread.sleep(200);

        beginStopping();
        readingGoesOn.countDown();

        assertEquals(ProcessingResult.DONE, held.get(10, TimeUnit.SECONDS));
        assertEquals(ProcessingResult.DEFERRED, waiting.get(10, TimeUnit.SECONDS), "its event is delivered again");
        assertEquals(List.of(), claims.activated, "not processed");
        assertEquals(List.of(suspect), claims.released, "given back at once, not left to its lease");
    }

    /**
     * A reader given up on at read-timeout that runs on shares the worker with a file processed
     * alone; were it stuck, the worker's restart would be blamed on that file.
     */
    @Test
    void aFileCutShortBeforeWaitsForTheReadersGivenUpOnToStop() throws Exception {
        CountDownLatch readerGoesOn = new CountDownLatch(1);
        assertTrue(readerGivenUpOn(readerGoesOn).problem().isPresent(), "given up on at the read timeout");
        UUID suspect = UUID.randomUUID();
        claims.cutShortBefore.add(suspect);
        readingGoesOn.countDown();

        CompletableFuture<ProcessingResult> alone = CompletableFuture.supplyAsync(() -> processor.process(suspect, Optional.empty()));
        Thread.sleep(1500);
        assertEquals(List.of(), claims.activated, "not started while the reader runs");
        readerGoesOn.countDown();

        assertEquals(ProcessingResult.DONE, alone.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(suspect), claims.activated);
    }

    /**
     * Where nothing restarts a worker whose reader is stuck (Compose has no liveness probe), a file
     * waiting for it to stop would be held for ever: it is given back instead, and its event is
     * done with (the give-back announces the file again).
     */
    @Test
    void aFileCutShortBeforeIsGivenBackWhenTheReadersGivenUpOnDoNotStop() throws Exception {
        CountDownLatch readerGoesOn = new CountDownLatch(1);
        readerGivenUpOn(readerGoesOn);
        processor.readersWaitAtMost = Duration.ofMillis(700);
        UUID suspect = UUID.randomUUID();
        claims.cutShortBefore.add(suspect);
        try {
            assertEquals(ProcessingResult.DONE, CompletableFuture.supplyAsync(() -> processor.process(suspect, Optional.empty()))
                    .get(10, TimeUnit.SECONDS));
            assertEquals(List.of(), claims.activated, "not processed beside the reader");
            assertEquals(List.of(suspect), claims.released, "given back, not held for ever");
        } finally {
            readerGoesOn.countDown();
        }
    }

    /**
     * A reader given up on at the read timeout that runs on, deaf to its interruption as a parser in
     * an endless loop is, until {@code goesOn}.
     */
    private FormatReport readerGivenUpOn(CountDownLatch goesOn) throws IOException {
        return processor.deadline.read(Format.TIFF, () -> {
            while (goesOn.getCount() > 0) {
                try {
                    goesOn.await();
                } catch (InterruptedException e) {
                    // keeps running
                }
            }
            return FormatReport.recognised(Format.TIFF);
        });
    }

    /** As {@link Leases#stop} begins: its grace period, in which the leases are still held, outlasts the test. */
    private void beginStopping() throws ReflectiveOperationException {
        set(leases, "stopping", true);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("waited in vain");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }

    private static WorkerConfig config() {
        WorkerConfig.Retry once = proxy(WorkerConfig.Retry.class, name -> switch (name) {
            case "maxAttempts" -> 1;
            default -> Duration.ofMillis(1);
        });
        return proxy(WorkerConfig.class, name -> switch (name) {
            case "retry" -> once;
            case "maxClaims" -> 5;
            case "readTimeout" -> Duration.ofMillis(100);
            default -> throw new UnsupportedOperationException(name);
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Function<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, arguments) -> answers.apply(method.getName()));
    }

    /** Claims every file asked for, as the cut-short ones say; records what happens to them. */
    private static final class RecordingClaims extends FileClaims {
        final Set<UUID> cutShortBefore = ConcurrentHashMap.newKeySet();
        final List<UUID> claimed = new CopyOnWriteArrayList<>();
        final List<UUID> activated = new CopyOnWriteArrayList<>();
        final List<UUID> released = new CopyOnWriteArrayList<>();

        @Override
        public Optional<Claim> claim(UUID fileId, boolean cutShortBefore) {
            if (this.cutShortBefore.contains(fileId) != cutShortBefore) {
                return Optional.empty();
            }
            claimed.add(fileId);
            return Optional.of(new Claim(fileId, 2, cutShortBefore ? 1 : 0, "uploads/key", "scene.tif", 10,
                    SourceType.UNKNOWN, Optional.empty(), Instant.now(), Optional.empty(), Optional.empty(),
                    Optional.empty(), "uploader"));
        }

        @Override
        public boolean activate(Claim claim) {
            activated.add(claim.fileId());
            return true;
        }

        @Override
        public boolean release(Claim claim) {
            released.add(claim.fileId());
            return true;
        }
    }
}
