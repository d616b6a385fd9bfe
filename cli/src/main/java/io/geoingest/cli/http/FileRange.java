package io.geoingest.cli.http;

import io.geoingest.cli.progress.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/** A byte range of a file, sent as a request body straight from the file. */
public record FileRange(Path file, long offset, long length) {

    public FileRange {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("a range starts and ends inside the file");
        }
    }

    public static FileRange whole(Path file, long size) {
        return new FileRange(file, 0, size);
    }

    /**
     * The range as a body of known length. It is read from the file while it is sent, again for
     * each attempt, and each attempt restarts {@code transfer}'s count.
     */
    public BodyPublisher publisher(Progress.Transfer transfer) {
        return publisher(transfer, Optional.empty());
    }

    /**
     * The range as a body, as {@link #publisher(Progress.Transfer)}, that also gives
     * {@code readInFull} the MD5 (Base64) of the bytes of each attempt that read the range to its
     * end: hashing the bytes as they go out spares reading the range a second time.
     */
    public BodyPublisher publisher(Progress.Transfer transfer, Consumer<String> readInFull) {
        return publisher(transfer, Optional.of(readInFull));
    }

    private BodyPublisher publisher(Progress.Transfer transfer, Optional<Consumer<String>> readInFull) {
        return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> {
            transfer.restart();
            try {
                return new RangeStream(file, FileChannel.open(file, StandardOpenOption.READ), offset, length, transfer::add,
                        readInFull);
            } catch (IOException e) {
                throw new UncheckedIOException(new LocalReadException.Failure(file, e instanceof NoSuchFileException
                        ? "it was removed during the upload" : e.toString(), e));
            }
        }), length);
    }

    /** The MD5 of the range's bytes, in Base64 as {@code Content-MD5} writes it. */
    public String md5() {
        AtomicReference<String> md5 = new AtomicReference<>();
        try (InputStream in = new RangeStream(file, FileChannel.open(file, StandardOpenOption.READ), offset, length, read -> { },
                Optional.of(md5::set))) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (LocalReadException.Failure e) {
            throw e.toException();
        } catch (IOException e) {
            throw new LocalReadException.Failure(file, e.toString(), e).toException();
        }
        return md5.get();
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    /** The range's bytes, telling {@code onRead} how many were read each time. */
    public InputStream open(LongConsumer onRead) throws IOException {
        return new RangeStream(file, FileChannel.open(file, StandardOpenOption.READ), offset, length, onRead, Optional.empty());
    }

    /** The bytes of a range, hashed on the way when {@code readInFull} wants their MD5 at the end. */
    private static final class RangeStream extends InputStream {
        private final Path file;
        private final FileChannel channel;
        private final LongConsumer onRead;
        private final Optional<Consumer<String>> readInFull;
        private final MessageDigest md5 = newMd5();
        private long position;
        private long remaining;

        RangeStream(Path file, FileChannel channel, long offset, long length, LongConsumer onRead,
                Optional<Consumer<String>> readInFull) {
            this.file = file;
            this.channel = channel;
            this.position = offset;
            this.remaining = length;
            this.onRead = onRead;
            this.readInFull = readInFull;
            if (length == 0) {
                readInFull.ifPresent(sink -> sink.accept(Base64.getEncoder().encodeToString(md5.digest())));
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int wanted = (int) Math.min(length, remaining);
            int read;
            try {
                read = channel.read(ByteBuffer.wrap(buffer, offset, wanted), position);
            } catch (IOException e) {
                throw new LocalReadException.Failure(file, e.toString(), e);
            }
            if (read < 0) {
                throw new LocalReadException.Failure(file, "it ended early: it was changed during the upload", null);
            }
            position += read;
            remaining -= read;
            if (readInFull.isPresent()) {
                md5.update(buffer, offset, read);
                if (remaining == 0) {
                    readInFull.get().accept(Base64.getEncoder().encodeToString(md5.digest()));
                }
            }
            onRead.accept(read);
            return read;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
