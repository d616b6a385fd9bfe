package io.geoingest.cli.upload;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The MD5s of the parts the server took, kept in the upload's saved state for a resumed upload to
 * check them against the file. They are saved at most about once a second: a state written after
 * every part cost minutes and gigabytes for 10,000 parts, and a part whose MD5 was not saved yet
 * is only sent again on resume. What a second's saves held back is saved a second later even when
 * no other part ends meanwhile (a run killed while its last parts hang, say), and
 * {@link #flush()} saves what is left once sending stops.
 */
final class SentParts {
    static final Duration BETWEEN_SAVES = Duration.ofSeconds(1);

    private final Map<Integer, String> md5s;
    private final Consumer<Map<Integer, String>> save;
    private final LongSupplier nanoTime;
    private final Executor afterAPause;
    private long lastSave;
    private boolean unsaved;
    private boolean flushPlanned;

    /**
     * @param checked the parts on the server already, checked against the file
     * @param save saves the MD5s with the upload's state (best effort: it does not throw)
     * @param nanoTime {@link System#nanoTime()}, or a test's clock
     * @param afterAPause runs a task {@link #BETWEEN_SAVES} later (see {@link #later()}), or as a test says
     */
    SentParts(Map<Integer, String> checked, Consumer<Map<Integer, String>> save, LongSupplier nanoTime,
            Executor afterAPause) {
        this.md5s = new HashMap<>(checked);
        this.save = save;
        this.nanoTime = nanoTime;
        this.afterAPause = afterAPause;
        this.lastSave = nanoTime.getAsLong();
    }

    /** Runs tasks {@link #BETWEEN_SAVES} later, on the common pool's threads. */
    static Executor later() {
        return CompletableFuture.delayedExecutor(BETWEEN_SAVES.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void record(int partNumber, String md5) {
        md5s.put(partNumber, md5);
        unsaved = true;
        if (nanoTime.getAsLong() - lastSave >= BETWEEN_SAVES.toNanos()) {
            save();
        } else if (!flushPlanned) {
            flushPlanned = true;
            afterAPause.execute(this::plannedFlush);
        }
    }

    private synchronized void plannedFlush() {
        flushPlanned = false;
        flush();
    }

    /** Saves the parts recorded since the last save, if any. */
    synchronized void flush() {
        if (unsaved) {
            save();
        }
    }

    private void save() {
        save.accept(Map.copyOf(md5s));
        lastSave = nanoTime.getAsLong();
        unsaved = false;
    }
}
