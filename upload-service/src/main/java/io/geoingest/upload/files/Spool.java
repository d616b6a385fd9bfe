package io.geoingest.upload.files;

import io.geoingest.upload.multipart.FilePart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Writes file parts to disk when they must be whole before they can go on (a storage part needs
 * its length up front), and removes them once they have: nothing is kept in memory.
 */
@ApplicationScoped
public class Spool {
    private static final Logger LOG = Logger.getLogger(Spool.class);
    private static final int COPY_BUFFER = 256 * 1024;
    private static final String PREFIX = "part-";
    private static final String SUFFIX = ".spool";

    @Inject
    SpoolDirectory directory;

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
                try {
                    return new SpooledFile(file, copy(content, file, maxBytes, tooLarge, unwritable));
                } catch (IOException | RuntimeException e) {
                    delete(file);
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
        delete(spooled.path());
    }

    /** Whether a file of that name is one the spool writes. */
    static boolean isSpoolFile(String name) {
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
    }

    private static long copy(InputStream content, Path file, long maxBytes, Supplier<RuntimeException> tooLarge,
            Supplier<RuntimeException> unwritable) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        long total = 0;
        try (OutputStream out = onDisk(() -> Files.newOutputStream(file), unwritable)) {
            for (int read = content.read(buffer); read >= 0; read = content.read(buffer)) {
                total += read;
                if (total > maxBytes) {
                    throw tooLarge.get();
                }
                int length = read;
                onDisk(() -> {
                    out.write(buffer, 0, length);
                    return out;
                }, unwritable);
            }
        }
        return total;
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

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf(e, "Could not delete the spooled file %s", file);
        }
    }
}
