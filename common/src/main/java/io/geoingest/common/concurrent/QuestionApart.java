package io.geoingest.common.concurrent;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A question put on a thread of its own, so that whoever asks waits on it only so long. A server
 * that does not answer at all (frozen, or cut off by the network, where no query timeout helps)
 * would otherwise hold the caller until it came back. A question still unanswered when the wait
 * ends is not put again: the next call waits on the same one and takes its answer.
 */
public final class QuestionApart<T> implements AutoCloseable {
    private final ExecutorService thread;
    private final Callable<T> question;
    /** The question under way; guarded by this. */
    private Future<T> pending;

    /** @param threadName names the thread that asks, for thread dumps */
    public QuestionApart(String threadName, Callable<T> question) {
        this.thread = Executors.newSingleThreadExecutor(DaemonThreads.named(threadName));
        this.question = question;
    }

    /**
     * The answer, asking the question unless an earlier call left it under way.
     *
     * @param wait how long to wait on a question asked by this call
     * @param waitOnEarlier how long to wait on one an earlier call asked and stopped waiting on
     * @throws TimeoutException the question is still under way; a later call takes its answer
     * @throws ExecutionException the question failed; the next call asks again
     */
    public synchronized T answer(Duration wait, Duration waitOnEarlier)
            throws TimeoutException, ExecutionException, InterruptedException {
        Duration limit = pending == null ? wait : waitOnEarlier;
        if (pending == null) {
            pending = thread.submit(question);
        }
        try {
            T answer = pending.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            pending = null;
            return answer;
        } catch (ExecutionException failed) {
            pending = null;
            throw failed;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
