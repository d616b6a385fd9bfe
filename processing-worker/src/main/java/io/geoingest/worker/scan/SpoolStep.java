package io.geoingest.worker.scan;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.jboss.logging.Logger;

/**
 * Copies the object to a temporary file during the pass, for format readers that need random
 * access. The copy stops, and is removed at once, when it would exceed the limit or the spool
 * directory cannot take it (a full disk): the object is then read as one over the limit is, from
 * storage, rather than failing the pass to be downloaded again onto the same full disk. Disk use
 * per file is bounded, and memory use does not depend on the file at all.
 */
final class SpoolStep implements StreamStep, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SpoolStep.class);
    private static final String PREFIX = "spool-";
    private static final String SUFFIX = ".bin";
    private final long limit;
    private Optional<Copy> copy;
    private Optional<IOException> failure = Optional.empty();
    private long written;

    /** The copy under way. */
    private record Copy(Path file, OutputStream out) {
    }

    SpoolStep(Path file, OutputStream out, long limit) {
        this.copy = Optional.of(new Copy(file, out));
        this.limit = limit;
    }

    private SpoolStep(long limit, Optional<IOException> failure) {
        this.copy = Optional.empty();
        this.limit = limit;
        this.failure = failure;
    }

    /**
     * A copy in the worker's spool directory; none for an object whose announced size is over the
     * limit (it would be copied up to the limit only to be thrown away), or where the directory
     * cannot take a file.
     */
    static SpoolStep start(WorkerSpoolDirectory directory, long limit, OptionalLong announcedSize) {
        if (announcedSize.isPresent() && announcedSize.getAsLong() > limit) {
            return new SpoolStep(limit, Optional.empty());
        }
        Optional<Path> file = Optional.empty();
        try {
            file = Optional.of(Files.createTempFile(directory.path(), PREFIX, SUFFIX));
            return new SpoolStep(file.get(), Files.newOutputStream(file.get()), limit);
        } catch (IOException e) {
            file.ifPresent(SpoolStep::deleteQuietly);
            LOG.warnf("could not start a copy in the spool directory, the file is read as one over the spool limit: %s",
                    e.toString());
            return new SpoolStep(limit, Optional.of(e));
        }
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        if (copy.isEmpty()) {
            return;
        }
        if (written + length > limit) {
            abandon();
            return;
        }
        try {
            copy.get().out().write(bytes, offset, length);
            written += length;
        } catch (IOException e) {
            LOG.warnf("could not write the copy %s, the file is read as one over the spool limit: %s",
                    copy.get().file(), e.toString());
            failure = Optional.of(e);
            abandon();
        }
    }

    /** The complete copy, once the pass is over; empty when there is none. */
    Optional<Path> complete() {
        if (copy.isPresent()) {
            try {
                copy.get().out().close();
            } catch (IOException e) {
                failure = Optional.of(e);
                abandon();
            }
        }
        return copy.map(Copy::file);
    }

    /** Why there is no copy, when it is not that the object was over the limit. */
    Optional<IOException> failure() {
        return failure;
    }

    /** Whether a file of that name is a copy the worker makes. */
    static boolean isSpoolFile(String name) {
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
    }

    long limit() {
        return limit;
    }

    @Override
    public void close() {
        abandon();
    }

    /** Frees the disk at once: the other files in flight may need it before this pass is over. */
    private void abandon() {
        copy.ifPresent(abandoned -> {
            try {
                abandoned.out().close();
            } catch (IOException ignored) {
                // the copy is removed either way
            }
            deleteQuietly(abandoned.file());
        });
        copy = Optional.empty();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the spool directory of a stopped worker is removed at the next start
            LOG.warnf("could not remove the copy %s: %s", file, e.toString());
        }
    }
}
