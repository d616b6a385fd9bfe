package io.geoingest.worker.scan;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Copies the object to a temporary file during the pass, for format readers that need random
 * access. The copy stops, and is removed, once it would exceed the limit: disk use per file is
 * bounded, and memory use does not depend on the file at all.
 */
final class SpoolStep implements StreamStep, AutoCloseable {
    private static final String PREFIX = "spool-";
    private static final String SUFFIX = ".bin";
    private final Path file;
    private final long limit;
    private OutputStream out;
    private long written;
    private boolean overflowed;

    SpoolStep(Path directory, long limit) throws IOException {
        this.file = Files.createTempFile(directory, PREFIX, SUFFIX);
        this.limit = limit;
        this.out = Files.newOutputStream(file);
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        if (overflowed) {
            return;
        }
        if (written + length > limit) {
            overflowed = true;
            closeQuietly();
            return;
        }
        try {
            out.write(bytes, offset, length);
            written += length;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the temporary copy " + file, e);
        }
    }

    /** The complete copy, once the pass is over; empty when the object was larger than the limit. */
    Optional<Path> complete() throws IOException {
        if (overflowed) {
            return Optional.empty();
        }
        out.close();
        return Optional.of(file);
    }

    /** Whether a file of that name is a copy the worker makes. */
    static boolean isSpoolFile(String name) {
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
    }

    long limit() {
        return limit;
    }

    @Override
    public void close() throws IOException {
        closeQuietly();
        Files.deleteIfExists(file);
    }

    private void closeQuietly() {
        try {
            out.close();
        } catch (IOException ignored) {
            // the copy is abandoned either way
        }
    }
}
