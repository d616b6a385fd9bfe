package io.geoingest.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.stac.StacAsset;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A request made while another transaction (an upload completing or starting, the worker
 * cataloguing, a removal from the catalog) has written but not committed: the races between the
 * catalog's writers, which both services' tests stage. The open transaction writes as the database's
 * owner ({@link AsDatabaseOwner}), whichever service it stands for.
 */
public final class OpenTransaction {
    private static final long SECONDS = 20;

    private OpenTransaction() {
    }

    /** {@link #whileOpen(Runnable, Runnable, Callable)} with nothing written after the request waits. */
    public static int whileOpen(Runnable write, Callable<Integer> request) throws Exception {
        return whileOpen(write, () -> {
        }, request);
    }

    /**
     * Flushes {@code write} in a transaction, sends {@code request}, waits until it waits on a lock
     * held by that transaction, then flushes {@code thenWrite} in the same transaction and commits.
     *
     * @return the status of the answer to {@code request}
     */
    public static int whileOpen(Runnable write, Runnable thenWrite, Callable<Integer> request) throws Exception {
        CountDownLatch requestWaits = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = opened(threads, write, requestWaits, thenWrite);
            Future<Integer> answer = threads.submit(request);
            awaitASessionWaitingOnALock();
            requestWaits.countDown();
            writer.get(SECONDS, TimeUnit.SECONDS);
            return answer.get(SECONDS, TimeUnit.SECONDS);
        } finally {
            requestWaits.countDown();
            threads.shutdownNow();
        }
    }

    /**
     * Flushes {@code write} in a transaction and answers {@code request} while that transaction is
     * still open: a request that waited on its locks would not be answered in time.
     *
     * @return the status of the answer to {@code request}
     */
    public static int answeredWhileOpen(Runnable write, Callable<Integer> request) throws Exception {
        CountDownLatch answered = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = opened(threads, write, answered, () -> {
            });
            int status = threads.submit(request).get(SECONDS / 2, TimeUnit.SECONDS);
            answered.countDown();
            writer.get(SECONDS, TimeUnit.SECONDS);
            return status;
        } finally {
            answered.countDown();
            threads.shutdownNow();
        }
    }

    /**
     * Starts a transaction on one of {@code threads} that flushes {@code write}, waits for
     * {@code release}, flushes {@code thenWrite} and commits; returns once {@code write} is flushed.
     */
    private static Future<?> opened(ExecutorService threads, Runnable write, CountDownLatch release, Runnable thenWrite)
            throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        Future<?> writer = threads.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
            // the other writer is another service, or another request of this one's
            AsDatabaseOwner.takeOwnerRole();
            write.run();
            StacAsset.flush();
            written.countDown();
            await(release);
            thenWrite.run();
            StacAsset.flush();
        }));
        while (!written.await(100, TimeUnit.MILLISECONDS)) {
            if (writer.isDone()) {
                writer.get();
            }
        }
        return writer;
    }

    /** Every way the request could go needs the rows the open transaction wrote: it must wait for them. */
    private static void awaitASessionWaitingOnALock() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        // as the owner: a service's role sees no other session's wait in pg_stat_activity
        while (AsDatabaseOwner.call(() -> ((Number) StacAsset.getEntityManager()
                .createNativeQuery("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                        + " and datname = current_database() and pid <> pg_backend_pid()")
                .getSingleResult()).intValue()) == 0) {
            assertTrue(System.nanoTime() < deadline, "the request waits on the open transaction's locks");
            Thread.sleep(20);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
