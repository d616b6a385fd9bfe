package io.geoingest.cli.progress;

import io.geoingest.cli.ByteSize;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress where no one watches a terminal (a log file, a CI job): a plain line at most every 30 s
 * instead of a bar redrawn with carriage returns, so that a log stays readable and a CI job that
 * ends steps silent for minutes sees a long transfer is alive.
 */
public final class ProgressLines implements Progress {
    static final Duration INTERVAL = Duration.ofSeconds(30);

    private final PrintStream log;
    private final String task;
    private final long total;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private final long doneBefore;
    private long done;
    private long lastLineNanos;

    /**
     * @param total the bytes of the whole transfer; below zero when unknown
     * @param done the bytes already done before this run (a resumed upload), left out of the rate
     */
    public ProgressLines(PrintStream log, String task, long total, long done) {
        this(log, task, total, done, System::nanoTime);
    }

    ProgressLines(PrintStream log, String task, long total, long done, LongSupplier nanoTime) {
        this.log = log;
        this.task = task;
        this.total = total;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.doneBefore = done;
        this.done = done;
        this.lastLineNanos = startNanos;
    }

    /** Called by the parts sent in parallel, hence synchronized. */
    @Override
    public synchronized void advance(long bytes) {
        done += bytes;
        long now = nanoTime.getAsLong();
        if (now - lastLineNanos >= INTERVAL.toNanos()) {
            lastLineNanos = now;
            log.println(line(now));
        }
    }

    private String line(long now) {
        double seconds = (now - startNanos) / 1e9;
        long rate = Math.round(Math.max(0, done - doneBefore) / seconds);
        String of = total < 0 ? "" : String.format(Locale.ROOT, " of %s (%d%%)", ByteSize.format(total),
                total == 0 ? 100 : done * 100 / total);
        return task + ": " + ByteSize.format(done) + of + ", " + ByteSize.format(rate) + "/s";
    }

    @Override
    public void close() {
        // the command's own lines tell how the transfer ended
    }
}
