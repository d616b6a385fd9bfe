package io.geoingest.cli.stac;

import io.geoingest.cli.CliException;
import io.geoingest.cli.upload.LocalFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip-compressed copy of a file in a temporary file, written as a stream (never the whole file
 * in memory) and removed on {@link #close}.
 */
public final class GzipFile implements AutoCloseable {
    private static final int BUFFER = 1024 * 1024;

    private final Path path;

    private GzipFile(Path path) {
        this.path = path;
    }

    /**
     * Compresses the {@code source.size()} bytes the file had when the upload started, telling
     * {@code onRead} how many were read each time.
     *
     * @throws CliException when the file changed meanwhile: its copy would be of neither version
     */
    public static GzipFile of(LocalFile source, LongConsumer onRead) {
        Path target;
        try {
            target = Files.createTempFile("geoingest-", "-" + source.name() + ".gz");
        } catch (IOException e) {
            throw new CliException("cannot create a temporary file to compress " + source.path() + " into: "
                    + e.getMessage(), e);
        }
        long left = source.size();
        try (InputStream in = Files.newInputStream(source.path());
                OutputStream out = new GZIPOutputStream(Files.newOutputStream(target), BUFFER)) {
            byte[] buffer = new byte[BUFFER];
            for (int read; left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0; left -= read) {
                out.write(buffer, 0, read);
                onRead.accept(read);
            }
        } catch (IOException e) {
            deleteQuietly(target);
            throw new CliException("cannot compress " + source.path() + " to " + target + ": " + e.getMessage(), e);
        }
        if (left > 0 || source.changed()) {
            deleteQuietly(target);
            source.checkUnchanged();
        }
        return new GzipFile(target);
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        deleteQuietly(path);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A temporary file left behind is the system's to clean up; the upload's result stands.
        }
    }
}
