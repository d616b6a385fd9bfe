package io.geoingest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;

/** POSIX signals that tests send to service processes, by the {@code kill} command as an operator would. */
public enum Signal {
    /** Ends the process at once: no shutdown hook runs. */
    KILL,
    /** Freezes the process, as a long GC pause or a frozen virtual machine would. */
    STOP,
    /** Lets a stopped process run again. */
    CONT;

    /**
     * As {@link #sendTo}, to a process that may end meanwhile (one of a server's workers): one that
     * has ended is left alone.
     */
    public void sendToIfRunning(long pid) {
        try {
            sendTo(pid);
        } catch (AssertionError e) {
            if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent()) {
                throw e;
            }
        }
    }

    public void sendTo(long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name(), Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new AssertionError("kill -" + name() + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + name() + " to " + pid, e);
        }
    }
}
