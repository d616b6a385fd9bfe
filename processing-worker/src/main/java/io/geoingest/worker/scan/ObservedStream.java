package io.geoingest.worker.scan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The single pass over an object: every byte read, by a format reader or by {@link #drain}, goes
 * through each {@link StreamStep} once, in order. A read failure of the underlying stream is
 * remembered (and thrown as an IOException, a fault worth another try), so that a storage fault is never mistaken for a damaged file by a reader that caught it.
 * Closing does not close the object: the caller owns it.
 */
final class ObservedStream extends InputStream {
    private static final int DRAIN_BUFFER = 64 * 1024;

    private final InputStream object;
    private final List<StreamStep> steps;
    private final Runnable progress;
    private IOException storageFailure;

    ObservedStream(InputStream object, List<StreamStep> steps, Runnable progress) {
        this.object = object;
        this.steps = steps;
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read;
        try {
            read = object.read(buffer, offset, length);
        } catch (IOException | SdkException | UncheckedIOException e) {
            // The storage client's own faults are unchecked (an SDK exception): a reader must not take
            // one that reaches it through its parser for its verdict on the file. Other runtime
            // exceptions come from the reader's side (an IndexOutOfBoundsException for a buffer it
            // passed wrongly): a bug, not a fault worth another try, so its verdict stands.
            storageFailure = e instanceof IOException io ? io : new IOException("reading the stored object failed", e);
            throw storageFailure;
        }
        if (read > 0) {
            for (StreamStep step : steps) {
                step.update(buffer, offset, read);
            }
        }
        progress.run();
        return read;
    }

    /** Reads whatever the format reader left, so the steps see the whole object. */
    void drain() throws IOException {
        byte[] buffer = new byte[DRAIN_BUFFER];
        while (read(buffer, 0, buffer.length) != -1) {
            // every byte went through the steps
        }
    }

    /** Rethrows a storage fault that happened during the pass, even if a reader swallowed it. */
    void rethrowStorageFailure() throws IOException {
        if (storageFailure != null) {
            throw storageFailure;
        }
    }

    @Override
    public void close() {
        // the caller closes (or aborts) the object itself
    }
}
