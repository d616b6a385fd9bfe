package io.geoingest.worker.retry;

import io.geoingest.common.error.RootCause;
import io.geoingest.worker.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Runs a step of the processing again when it fails, with exponential backoff and jitter, so that a
 * storage or database outage of a few seconds does not fail a file. Failures that a new try cannot
 * change are marked {@link NotRetryable} and pass through at once.
 */
@ApplicationScoped
public class Retrier {
    private static final Logger LOG = Logger.getLogger(Retrier.class);

    @Inject
    WorkerConfig config;

    /**
     * Calls {@code step} until it succeeds or the configured number of tries is used up.
     *
     * @param what what the step does, for the log and the failure reason ("reading the stored object")
     * @throws RetriesExhaustedException when every try failed
     */
    public <T> T call(String what, Callable<T> step) {
        WorkerConfig.Retry retry = config.retry();
        int maxAttempts = Math.max(1, retry.maxAttempts());
        for (int attempt = 1; ; attempt++) {
            try {
                return step.call();
            } catch (Exception e) {
                if (e instanceof NotRetryable && e instanceof RuntimeException notRetryable) {
                    throw notRetryable;
                }
                if (attempt >= maxAttempts) {
                    throw new RetriesExhaustedException(what, attempt, e);
                }
                pauseBeforeRetry(what, attempt, e, retry);
            }
        }
    }

    private static void pauseBeforeRetry(String what, int attempt, Exception failure, WorkerConfig.Retry retry) {
        Duration pause = backoff(attempt, retry);
        LOG.warnf("%s failed (try %d of %d: %s); trying again in %d ms", what, attempt, retry.maxAttempts(),
                RootCause.message(failure), pause.toMillis());
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            // The worker is stopping: this is no verdict on the file, which stays claimed until its lease passes.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before " + what + " could be tried again", failure);
        }
    }

    /**
     * Doubles from the initial pause up to the maximum; the pause taken lies at random between half
     * of that and all of it, so workers that failed together do not all retry at the same moment.
     */
    private static Duration backoff(int attempt, WorkerConfig.Retry retry) {
        long initial = Math.max(1, retry.initialBackoff().toMillis());
        long ceiling = Math.max(initial, retry.maxBackoff().toMillis());
        long exponential = initial << Math.min(attempt - 1, 30);
        long capped = Math.min(exponential, ceiling);
        long half = capped / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
