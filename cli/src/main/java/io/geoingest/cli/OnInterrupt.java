package io.geoingest.cli;

/**
 * What to do should the JVM stop (Ctrl-C, a kill) while a command is at some step: say what it
 * left behind, remove what it made. {@link #close} ends the step, and the action with it.
 */
public final class OnInterrupt implements AutoCloseable {
    private final Thread hook;

    private OnInterrupt(Thread hook) {
        this.hook = hook;
    }

    public static OnInterrupt run(Runnable action) {
        Thread hook = new Thread(action, "on-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        return new OnInterrupt(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is stopping already (Ctrl-C): the action is what should happen.
        }
    }
}
