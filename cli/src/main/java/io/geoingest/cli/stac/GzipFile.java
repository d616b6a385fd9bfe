package io.geoingest.cli.stac;

import io.geoingest.cli.CliException;
import io.geoingest.cli.OnInterrupt;
import io.geoingest.cli.upload.LocalFile;
import java.io.FilterOutputStream;
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
     * @throws CliException when the file changed meanwhile (its copy would be of neither version), or
     *     ended before its size
     */
    public static GzipFile of(LocalFile source, LongConsumer onRead) {
        return of(source, onRead, Path.of(System.getProperty("java.io.tmpdir")), Files::newOutputStream);
    }

    /** An output stream for the copy, opened on its path; a test's may fail as a full disk does. */
    interface Opener {
        OutputStream open(Path target) throws IOException;
    }

    /**
     * {@link #of(LocalFile, LongConsumer)} into {@code folder}. Free space is not checked first:
     * a file that compresses well needs far less room than its size, and only a copy that runs out
     * of room tells.
     */
    static GzipFile of(LocalFile source, LongConsumer onRead, Path folder, Opener opener) {
        Path target;
        try {
            // not named after the source: a long name would make the copy's longer than file systems keep
            target = Files.createTempFile(folder, "geoingest-", ".gz");
        } catch (IOException e) {
            throw new CliException("cannot create a temporary file to compress " + source.path() + " into: "
                    + e.getMessage(), e);
        }
        GzipFile copy = new GzipFile(target, OnInterrupt.run(() -> deleteQuietly(target)));
        long left = source.size();
        try (InputStream in = Files.newInputStream(source.path());
                OutputStream out = new GZIPOutputStream(new CopyStream(opener.open(target)), BUFFER)) {
            byte[] buffer = new byte[BUFFER];
            for (int read; left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0; left -= read) {
                out.write(buffer, 0, read);
                onRead.accept(read);
            }
        } catch (CopyStream.WriteFailure e) {
            copy.close();
            throw new CliException("--gzip makes a compressed copy of " + source.name() + " in " + folder + ", which could"
                    + " not be written there (" + e.getCause().getMessage() + "): free some space, choose another folder"
                    + " (GEOINGEST_CLI_JAVA_OPTS=-Djava.io.tmpdir=/a/larger/disk), or upload without --gzip", e.getCause());
        } catch (IOException e) {
            copy.close();
            throw new CliException("cannot compress " + source.path() + " to " + target + ": " + e.getMessage(), e);
        }
        if (left > 0 || source.changed()) {
            copy.close();
            source.checkUnchanged();
            // its size and time are as they were, yet the file ended early (or changed back): a
            // file such as those of /sys, whose size is not what it holds; its copy is gone
            throw new CliException("cannot compress " + source.path() + ": " + (left > 0 ? "it ended after "
                    + (source.size() - left) + " of its " + source.size() + " bytes" : "it changed while it was compressed"));
        }
        return copy;
    }

    /**
     * The copy's file, whose failures (a full disk, most likely) are told from those of reading
     * the source: only they call for room elsewhere.
     */
    private static final class CopyStream extends FilterOutputStream {
        static final class WriteFailure extends IOException {
            WriteFailure(IOException cause) {
                super(cause);
            }
        }

        CopyStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new WriteFailure(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new WriteFailure(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                out.close();
            } catch (IOException e) {
                throw new WriteFailure(e);
            }
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
