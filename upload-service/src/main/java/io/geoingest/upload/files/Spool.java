package io.geoingest.upload.files;

import io.geoingest.common.error.FileApiProblem;
import io.geoingest.upload.UploadConfig;
import io.geoingest.upload.multipart.FilePart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Writes file parts to disk when they must be whole before they can go on (a storage part needs
 * its length up front), and removes them once they have: nothing is kept in memory. The parts on
 * disk at once take at most {@code geoingest.upload.spool-max-size}, counted as they are written,
 * whichever request they belong to (a made-up upload id is only found out once its chunk is in).
 */
@ApplicationScoped
public class Spool {
    private static final Logger LOG = Logger.getLogger(Spool.class);
    private static final int COPY_BUFFER = 256 * 1024;
    private static final String PREFIX = "part-";
    private static final String SUFFIX = ".spool";
    /** About what a chunk of tens of MiB takes to arrive, after which others may have made room. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);
    public static final String FULL = "Service Unavailable: the chunks arriving now take all the disk the service"
            + " keeps for them; try again after the seconds Retry-After names";

    @Inject
    SpoolDirectory directory;

    @Inject
    UploadConfig config;

    /** Bytes of the spool files of this process not yet deleted. */
    private final AtomicLong inUse = new AtomicLong();

    /**
     * A file part written to the spool, refused with {@code tooLarge} past {@code maxBytes}, and
     * with {@code unwritable} when the spool cannot be written (a full disk, a directory missing or
     * read-only): that is the server's failure, where a body that cannot be read is the client's.
     */
    public FilePart<SpooledFile> upTo(long maxBytes, Supplier<RuntimeException> tooLarge,
            Supplier<RuntimeException> unwritable) {
        return new FilePart<>() {
            @Override
            public SpooledFile store(Optional<String> fileName, InputStream content, OptionalLong lengthIfLast)
                    throws IOException {
                Path file = onDisk(() -> Files.createTempFile(directory.path(), PREFIX, SUFFIX), unwritable);
                Written written = new Written();
                try {
                    copy(content, file, written, maxBytes, tooLarge, unwritable);
                    return new SpooledFile(file, written.bytes);
                } catch (IOException | RuntimeException e) {
                    delete(file, written.bytes);
                    throw e;
                }
            }

            @Override
            public void discard(SpooledFile stored) {
                delete(stored);
            }
        };
    }

    public void delete(SpooledFile spooled) {
        delete(spooled.path(), spooled.size());
    }

    /** Whether a file of that name is one the spool writes. */
    static boolean isSpoolFile(String name) {
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
    }

    /** What one part has written so far, and so holds of the budget. */
    private static final class Written {
        private long bytes;
    }

    private void copy(InputStream content, Path file, Written written, long maxBytes,
            Supplier<RuntimeException> tooLarge, Supplier<RuntimeException> unwritable) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        long budget = config.spoolMaxSize().asLongValue();
        try (OutputStream out = onDisk(() -> Files.newOutputStream(file), unwritable)) {
            for (int read = content.read(buffer); read >= 0; read = content.read(buffer)) {
                if (written.bytes + read > maxBytes) {
                    throw tooLarge.get();
                }
                if (inUse.addAndGet(read) > budget) {
                    inUse.addAndGet(-read);
                    LOG.warnf("A chunk was refused: the chunks arriving take the whole spool (%d bytes)", budget);
                    throw FileApiProblem.busy(FULL, RETRY_AFTER);
                }
                written.bytes += read;
                int length = read;
                onDisk(() -> {
                    out.write(buffer, 0, length);
                    return out;
                }, unwritable);
            }
        }
    }

    /** A write to the spool, whose failure is logged with the path, which the client is not told. */
    private static <T> T onDisk(DiskWrite<T> write, Supplier<RuntimeException> unwritable) {
        try {
            return write.run();
        } catch (IOException e) {
            LOG.error("Could not write to the spool", e);
            throw unwritable.get();
        }
    }

    private interface DiskWrite<T> {
        T run() throws IOException;
    }

    /** Removes the file; its bytes count no more, as the disk they took is freed or the file is lost track of. */
    private void delete(Path file, long bytes) {
        inUse.addAndGet(-bytes);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf(e, "Could not delete the spooled file %s", file);
        }
    }
}
