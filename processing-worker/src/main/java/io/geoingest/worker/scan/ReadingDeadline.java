package io.geoingest.worker.scan;

import io.geoingest.common.concurrent.DaemonThreads;
import io.geoingest.common.logging.FileLogContext;
import io.geoingest.worker.WorkerConfig;
import io.geoingest.worker.format.Format;
import io.geoingest.worker.format.FormatReaders.Plan;
import io.geoingest.worker.format.FormatReport;
import io.geoingest.worker.format.WaitingTime;
import io.geoingest.worker.retry.NotRetryable;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Runs a format reader (third-party parsers of TIFF, JPEG 2000, HDF5...) on a thread of its own,
 * for at most {@code geoingest.worker.read-timeout}. Some damaged files send a parser into an
 * endless loop (a 963-byte JPEG 2000 file does so in jj2000's packet header reader): without a
 * limit the file stayed IN_PROGRESS for good, its lease renewed, and the thread spun. The time a
 * reader waits for the worker ({@link WaitingTime}) does not count. Past the
 * limit the file fails and the reader is interrupted; a reader that ignores that and keeps running
 * is reported by {@link #stuckReaders()}, which makes the worker not live, so that its orchestrator
 * restarts it and frees the processor the loop holds.
 */
@ApplicationScoped
public class ReadingDeadline {
    private static final Logger LOG = Logger.getLogger(ReadingDeadline.class);
    /** How long an interrupted reader has to stop before it counts as stuck. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** How long the deadline waits for a reader at least before it looks at the time again. */
    private static final Duration RECHECK_AT_LEAST = Duration.ofMillis(100);

    private final Duration timeout;
    private final Duration stopGrace;
    private final ExecutorService readers;
    private final Set<Abandoned> abandoned = ConcurrentHashMap.newKeySet();

    /** A reader given up on: which file it was reading, since when, and whether it has stopped since. */
    private record Abandoned(String fileId, Instant since, AtomicBoolean stopped) {
    }

    @Inject
    public ReadingDeadline(WorkerConfig config) {
        this(config.readTimeout(), STOP_GRACE);
    }

    ReadingDeadline(Duration timeout, Duration stopGrace) {
        this.timeout = timeout;
        this.stopGrace = stopGrace;
        this.readers = Executors.newCachedThreadPool(DaemonThreads.named("format-reader"));
    }

    /** @return the reader's report, or a failure saying it did not finish in time */
    public FormatReport read(Plan.FromFile plan, Path copy) throws IOException {
        return read(plan.format(), () -> plan.reader().read(copy));
    }

    /** As {@link #read(Plan.FromFile, Path)}, for a reader of {@code format}. */
    public FormatReport read(Format format, FormatReading reader) throws IOException {
        // The reader's log lines carry the file id, and whatever else the caller's log context holds.
        Map<String, Object> logContext = MDC.getMap();
        Optional<String> fileId = Optional.ofNullable(logContext.get(FileLogContext.KEY)).map(Object::toString);
        AtomicBoolean stopped = new AtomicBoolean();
        WaitingTime waited = new WaitingTime();
        Future<FormatReport> reading = readers.submit(() -> {
            logContext.forEach(MDC::put);
            waited.countOnThisThread();
            try {
                return readCatchingErrors(format, reader);
            } finally {
                WaitingTime.stopCounting();
                MDC.clear();
                stopped.set(true);
            }
        });
        try {
            return awaitReport(reading, waited);
        } catch (TimeoutException e) {
            reading.cancel(true);
            abandoned.add(new Abandoned(fileId.orElse("unknown"), Instant.now(), stopped));
            LOG.warnf("The %s reader did not finish within %d s; it was interrupted", format.title(),
                    timeout.toSeconds());
            return FormatReport.unreadable(format, "the " + format.title() + " file could not be read"
                    + " within " + timeout.toSeconds() + " s (geoingest.worker.read-timeout): its reader did not"
                    + " finish, which a damaged file can cause");
        } catch (InterruptedException e) {
            reading.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the " + format.title() + " file");
        } catch (ExecutionException e) {
            Throwable failure = e.getCause();
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure instanceof NotRetryable && failure instanceof RuntimeException stop) {
                throw stop;
            }
            throw new IOException(failure);
        }
    }

    /** Waits for the reader for the timeout, and further for as long as it waited for the worker meanwhile. */
    private FormatReport awaitReport(Future<FormatReport> reading, WaitingTime waited)
            throws InterruptedException, ExecutionException, TimeoutException {
        long started = System.nanoTime();
        while (true) {
            long left = timeout.toNanos() - (System.nanoTime() - started - waited.nanos());
            if (left <= 0) {
                throw new TimeoutException();
            }
            try {
                // Not shorter: while the reader waits, the time left stays as it is.
                return reading.get(Math.max(left, RECHECK_AT_LEAST.toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException notYet) {
                // the reader may have waited for the worker meanwhile, which moves the deadline
            }
        }
    }

    /**
     * @return the ids of the files whose readers were given up on and are still running a while
     *         ({@link #STOP_GRACE}) after being interrupted
     */
    public List<String> stuckReaders() {
        abandoned.removeIf(reader -> reader.stopped().get());
        Instant graceOver = Instant.now().minus(stopGrace);
        return abandoned.stream().filter(reader -> reader.since().isBefore(graceOver)).map(Abandoned::fileId).toList();
    }

    /**
     * Whether a reader given up on still runs, stuck or not yet: a file processed alone must not
     * share the worker with it (see {@code FileProcessor}).
     */
    public boolean readersGivenUpOnRun() {
        abandoned.removeIf(reader -> reader.stopped().get());
        return !abandoned.isEmpty();
    }

    /** A format reader's work, as the deadline runs it. */
    @FunctionalInterface
    public interface FormatReading {
        FormatReport read() throws IOException;
    }

    @PreDestroy
    void stop() {
        readers.shutdownNow();
    }

    /**
     * A parser's runtime exception (its bug on these bytes: a NegativeArraySizeException from a
     * length it misread) or Error (one of its own, a class it cannot link, recursion too deep) is
     * its verdict on this file, whose bytes it had at hand. Let through, a runtime exception was
     * retried as a storage fault, the whole object read again each time until the file FAILED as
     * one, and an Error left the file IN_PROGRESS until its lease passed. A reader that reads from
     * storage has the faults it met there rethrown by its caller ({@link StoredObjectStream}, or
     * {@link ObservedStream} for a reader of the pass's stream), which win over this verdict. The
     * JVM's own failures (out of memory) still stop the worker.
     */
    static FormatReport readCatchingErrors(Format format, FormatReading reading) throws IOException {
        try {
            return reading.read();
        } catch (RuntimeException | Error e) {
            // The JVM's own failures, and what stops the work rather than judging the file (the claim
            // lost, the progress check throwing through the parser), are not the reader's verdict.
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError) || e instanceof NotRetryable) {
                throw e;
            }
            // The reason tells the uploader; the stack tells where the parser went wrong.
            LOG.warnf(e, "The %s reader stopped with %s", format.title(), e.getClass().getSimpleName());
            String detail = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
            return FormatReport.unreadable(format, "the " + format.title() + " file could not be read:"
                    + " its reader stopped with " + e.getClass().getSimpleName() + detail
                    + "; it is damaged or uses what the reader cannot decode");
        }
    }
}
