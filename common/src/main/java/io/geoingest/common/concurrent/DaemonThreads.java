package io.geoingest.common.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for the services' own pools: named, so that a thread dump and the logs say what each one
 * does, and daemons, so that a pool still running never keeps the JVM from stopping.
 */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** @return a factory of threads called {@code name-1}, {@code name-2}... */
    public static ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
