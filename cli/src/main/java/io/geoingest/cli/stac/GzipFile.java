package io.geoingest.cli.stac;

import io.geoingest.cli.ByteSize;
import io.geoingest.cli.CliException;
import io.geoingest.cli.OnInterrupt;
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
 * in memory) and removed on {@link #close}, or when the JVM is stopped before that.
 */
public final class GzipFile implements AutoCloseable {
    private static final int BUFFER = 1024 * 1024;

    private final Path path;
    private final OnInterrupt removal;

    private GzipFile(Path path, OnInterrupt removal) {
        this.path = path;
        this.removal = removal;
    }

    /**
     * Compresses the {@code source.size()} bytes the file had when the upload started, telling
     * {@code onRead} how many were read each time.
     *
     * @throws CliException when the file changed meanwhile: its copy would be of neither version
     */
    public static GzipFile of(LocalFile source, LongConsumer onRead) {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"));
        requireRoom(source, folder);
        Path target;
        try {
            target = Files.createTempFile(folder, "geoingest-", "-" + source.name() + ".gz");
        } catch (IOException e) {
            throw new CliException("cannot create a temporary file to compress " + source.path() + " into: "
                    + e.getMessage(), e);
        }
        GzipFile copy = new GzipFile(target, OnInterrupt.run(() -> deleteQuietly(target)));
        long left = source.size();
        try (InputStream in = Files.newInputStream(source.path());
                OutputStream out = new GZIPOutputStream(Files.newOutputStream(target), BUFFER)) {
            byte[] buffer = new byte[BUFFER];
            for (int read; left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0; left -= read) {
                out.write(buffer, 0, read);
                onRead.accept(read);
            }
        } catch (IOException e) {
            copy.close();
            throw new CliException("cannot compress " + source.path() + " to " + target + ": " + e.getMessage(), e);
        }
        if (left > 0 || source.changed()) {
            copy.close();
            source.checkUnchanged();
        }
        return copy;
    }

    /**
     * A file that does not compress takes its own size again; better said before than after
     * minutes of compressing, and a full disk for everyone else.
     */
    private static void requireRoom(LocalFile source, Path folder) {
        long free;
        try {
            free = Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            return; // the copy's own writes then fail with the reason, if there is one
        }
        if (free < source.size()) {
            throw new CliException("--gzip makes a compressed copy of " + source.name() + " in " + folder + ", which needs"
                    + " up to " + ByteSize.format(source.size()) + " free there but has " + ByteSize.format(free) + ": free"
                    + " some space, choose another folder (GEOINGEST_CLI_JAVA_OPTS=-Djava.io.tmpdir=/a/larger/disk), or"
                    + " upload without --gzip");
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        removal.close();
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
