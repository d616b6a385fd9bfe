package io.geoingest.cli.upload;

import io.geoingest.cli.CliException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Sends parts {@code parallel} at a time. The first part that fails stops the sending: the parts
 * not started are not sent, and those under way are let finish (they may be all but sent), so that
 * what they record spares a resumed upload sending them again.
 */
public final class PartSenders {

    private PartSenders() {
    }

    /** Runs every send; returns their results in the order of {@code sends}. */
    public static <T> List<T> sendAll(int parallel, List<Callable<T>> sends) {
        if (sends.isEmpty()) {
            return List.of();
        }
        List<Future<T>> results = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(Math.min(parallel, sends.size()), task -> {
            Thread thread = new Thread(task, "part-sender");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CompletionService<T> sent = new ExecutorCompletionService<>(senders);
            for (Callable<T> send : sends) {
                results.add(sent.submit(send));
            }
            for (int i = 0; i < sends.size(); i++) {
                sent.take().get();
            }
            List<T> values = new ArrayList<>();
            for (Future<T> result : results) {
                values.add(result.get());
            }
            return values;
        } catch (ExecutionException e) {
            letThoseUnderWayFinish(senders, results);
            throw e.getCause() instanceof CliException failure
                    ? failure
                    : new CliException("sending a part failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        } finally {
            senders.shutdownNow();
        }
    }

    private static <T> void letThoseUnderWayFinish(ExecutorService senders, List<Future<T>> results) {
        results.forEach(result -> result.cancel(false));
        senders.shutdown();
        try {
            senders.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
