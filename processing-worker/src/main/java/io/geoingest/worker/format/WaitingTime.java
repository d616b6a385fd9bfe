package io.geoingest.worker.format;

/**
 * The time a format reader spends waiting for the worker rather than reading: for its part of the
 * decoding budget, which other files' decoding holds ({@link RasterReader}). A reader's deadline
 * leaves it out, or a worker busy decoding other files would fail a file that only waited; the
 * wait has a bound of its own.
 */
public final class WaitingTime {
    private static final ThreadLocal<WaitingTime> OF_THIS_READER = new ThreadLocal<>();

    private long waitedNanos;
    private long waitingSince;
    private boolean waiting;

    /** Counts here the waits of the reader that runs on this thread, until {@link #stopCounting}. */
    public void countOnThisThread() {
        OF_THIS_READER.set(this);
    }

    public static void stopCounting() {
        OF_THIS_READER.remove();
    }

    /** The time waited so far, the wait going on now included. */
    public synchronized long nanos() {
        return waitedNanos + (waiting ? System.nanoTime() - waitingSince : 0);
    }

    /** Marks the start of a wait of the reader on this thread; a reader run without a deadline counts nothing. */
    static void begin() {
        WaitingTime time = OF_THIS_READER.get();
        if (time != null) {
            time.started();
        }
    }

    static void end() {
        WaitingTime time = OF_THIS_READER.get();
        if (time != null) {
            time.ended();
        }
    }

    private synchronized void started() {
        waitingSince = System.nanoTime();
        waiting = true;
    }

    private synchronized void ended() {
        waitedNanos += System.nanoTime() - waitingSince;
        waiting = false;
    }
}
