package io.geoingest.upload.storage;

import io.geoingest.common.concurrent.DaemonThreads;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Stores a stream as one object while it is still arriving. When the stream's length is likely
 * known (from the request's), the bytes go to storage in one PUT as they are read. Otherwise they
 * are cut into parts that go to storage in parallel with the reading of the next, as an S3
 * multipart upload (or one PUT when the whole stream fits in a part). Memory stays bounded
 * whatever the size: all uploads together hold at most {@code buffers} parts, and a reader waits
 * for a free one, which slows its client down instead of buffering more. A buffer stays held while
 * a slow client fills it, so an upload waits for its first one at most {@code buffer-wait} and is
 * refused after that ({@link NoBufferFreeException}) rather than held for as long as those clients
 * take. Once it has sent anything it waits for the next buffer as long as it takes (its own parts
 * on their way free theirs), as refusing it then would throw away all it sent.
 */
@ApplicationScoped
public class StreamedObjects {
    /**
     * A wait for the client's next bytes that long makes storage the likely one to have given up on
     * a PUT fed by it (S3Proxy waits 30 s, Jetty's default; S3 ends such a request with RequestTimeout).
     */
    private static final Duration CLIENT_PAUSE = Duration.ofSeconds(10);
    private final UploadStorage storage;
    private final int partSize;
    private final int partsInFlight;
    private final boolean onePut;
    private final Semaphore buffers;
    private final Duration bufferWait;
    /** Buffers of parts already sent, for reuse: allocating 8 MiB per part cost about 0.1 s of GC per 100 MB. */
    private final Queue<byte[]> freeBuffers = new ConcurrentLinkedQueue<>();
    private final ExecutorService senders;

    @Inject
    public StreamedObjects(UploadStorage storage, StreamingConfig config) {
        this.storage = storage;
        this.partSize = Math.toIntExact(config.partSize().asLongValue());
        this.partsInFlight = config.partsInFlight();
        this.onePut = config.onePut();
        this.buffers = new Semaphore(config.buffers());
        this.bufferWait = config.bufferWait();
        this.senders = Executors.newFixedThreadPool(config.buffers(), DaemonThreads.named("storage-part-sender"));
    }

    @PreDestroy
    void stop() {
        senders.shutdown();
    }

    /**
     * Stores {@code content} under {@code key}; returns its size. An empty stream stores nothing
     * and returns 0; a stream longer than {@code maxBytes} stores nothing and throws
     * {@link ObjectTooLargeException}; one for which no buffer frees in time throws
     * {@link NoBufferFreeException}. If reading or storing fails, nothing is left in storage.
     * {@code likelyLength} is what the stream probably holds; it may hold less or more.
     */
    public long store(String key, InputStream content, OptionalLong likelyLength, long maxBytes) throws IOException {
        if (onePut && likelyLength.isPresent() && likelyLength.getAsLong() >= partSize && likelyLength.getAsLong() <= maxBytes) {
            return storeInOnePut(key, content, likelyLength.getAsLong(), maxBytes);
        }
        Part first = read(content, 1);
        if (first.length() > maxBytes) {
            release(first);
            throw new ObjectTooLargeException(maxBytes);
        }
        if (first.length() < partSize) {
            try {
                if (first.length() > 0) {
                    storage.put(key, first::stream, first.length());
                }
                return first.length();
            } finally {
                release(first);
            }
        }
        return storeInParts(key, first, content, maxBytes);
    }

    /**
     * Sends the content in one PUT of {@code likelyLength} bytes as it arrives: storage gets every
     * byte once, where a multipart upload can cost it a second pass to join the parts (S3Proxy's
     * filesystem store writes them all again). The PUT goes at the client's pace, so a client that
     * pauses for longer than storage waits for a request's bytes fails it; that is reported as the
     * client's pause, not as a storage failure. When the guess is wrong (fields after the file, an
     * unusual closing of the form), storage puts the object right by copying ranges of it, without
     * the bytes passing through here again: content that ends early is padded to the promised
     * length and cut back; content that goes on has the rest appended in a multipart upload whose
     * first part is the object so far.
     */
    private long storeInOnePut(String key, InputStream content, long likelyLength, long maxBytes) throws IOException {
        PaddedContent body = new PaddedContent(content, likelyLength);
        try {
            try {
                storage.putOnce(key, body, likelyLength);
            } catch (SdkException e) {
                if (body.failure().isPresent()) {
                    throw body.failure().get();
                }
                if (body.longestWait().compareTo(CLIENT_PAUSE) >= 0) {
                    throw new IOException("the upload paused for " + body.longestWait().toSeconds()
                            + " s, longer than storage waits for the bytes of a request; send it again", e);
                }
                throw e;
            }
            if (body.contentBytes() < likelyLength) {
                return cutTo(key, body.contentBytes());
            }
            // One byte read into no buffer of the pool tells whether anything follows: the file is
            // stored by now, and must not wait for memory (behind slow clients) to be recorded.
            int next = content.read();
            if (next < 0) {
                return likelyLength;
            }
            return appendTo(key, likelyLength, new SequenceInputStream(new ByteArrayInputStream(new byte[] {(byte) next}), content),
                    maxBytes);
        } catch (IOException | RuntimeException e) {
            // Every object whose key starts with this one: S3Proxy's filesystem store keeps the
            // temporary file of a PUT that broke off, under the key and a suffix.
            storage.deleteAllQuietly(key);
            throw e;
        }
    }

    /** Cuts a stored object down to its first {@code length} bytes. */
    private long cutTo(String key, long length) {
        if (length == 0) {
            storage.delete(key);
            return 0;
        }
        String uploadId = storage.createMultipartUpload(key);
        try {
            storage.completeMultipartUpload(key, uploadId, List.of(copiedPart(key, uploadId, length)));
            return length;
        } catch (RuntimeException e) {
            storage.abortMultipartUploadQuietly(key, uploadId);
            throw e;
        }
    }

    /** Appends {@code content} to the first {@code stored} bytes of an object. */
    private long appendTo(String key, long stored, InputStream content, long maxBytes) throws IOException {
        Part rest = read(content, 2);
        if (stored + rest.length() > maxBytes) {
            release(rest);
            throw new ObjectTooLargeException(maxBytes);
        }
        String uploadId = createMultipartUpload(key, rest);
        CompletedPart copied;
        try {
            copied = copiedPart(key, uploadId, stored);
        } catch (RuntimeException e) {
            release(rest);
            storage.abortMultipartUploadQuietly(key, uploadId);
            throw e;
        }
        return sendParts(key, uploadId, new ArrayList<>(List.of(copied)), stored, rest, content, maxBytes);
    }

    /** Part 1 of a multipart upload, copied inside storage from the first {@code length} bytes of the object. */
    private CompletedPart copiedPart(String key, String uploadId, long length) {
        String eTag = storage.copyPart(key, uploadId, 1, key, Optional.empty(), Optional.of(new ByteRange(0, length)));
        return CompletedPart.builder().partNumber(1).eTag(eTag).build();
    }

    private long storeInParts(String key, Part first, InputStream content, long maxBytes) throws IOException {
        return sendParts(key, createMultipartUpload(key, first), new ArrayList<>(), 0, first, content, maxBytes);
    }

    /** Starts a multipart upload; the part read for it is given back when that fails. */
    private String createMultipartUpload(String key, Part readForIt) {
        try {
            return storage.createMultipartUpload(key);
        } catch (RuntimeException e) {
            release(readForIt);
            throw e;
        }
    }

    /**
     * Sends {@code first} and the rest of {@code content} as the next parts of a multipart upload
     * that holds {@code sent} ({@code sentBytes} long) and completes it; aborts it on failure.
     */
    private long sendParts(String key, String uploadId, List<CompletedPart> sent, long sentBytes, Part first,
            InputStream content, long maxBytes) throws IOException {
        Deque<CompletableFuture<CompletedPart>> inFlight = new ArrayDeque<>();
        try {
            long total = sentBytes + first.length();
            Part part = first;
            while (true) {
                inFlight.add(send(key, uploadId, part));
                if (part.length() < partSize) {
                    break;
                }
                if (inFlight.size() > partsInFlight) {
                    sent.add(await(inFlight.poll()));
                }
                part = read(content, part.number() + 1);
                if (part.length() == 0) {
                    release(part);
                    break;
                }
                total += part.length();
                if (total > maxBytes) {
                    release(part);
                    throw new ObjectTooLargeException(maxBytes);
                }
            }
            while (!inFlight.isEmpty()) {
                sent.add(await(inFlight.poll()));
            }
            storage.completeMultipartUpload(key, uploadId, sent);
            return total;
        } catch (IOException | RuntimeException e) {
            inFlight.forEach(StreamedObjects::settle);
            storage.abortMultipartUploadQuietly(key, uploadId);
            throw e;
        }
    }

    private CompletableFuture<CompletedPart> send(String key, String uploadId, Part part) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                String eTag = storage.uploadPart(key, uploadId, part.number(), part::stream, part.length());
                return CompletedPart.builder().partNumber(part.number()).eTag(eTag).build();
            } finally {
                release(part);
            }
        }, senders);
    }

    private static CompletedPart await(CompletableFuture<CompletedPart> part) {
        try {
            return part.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Waits for a part that is on its way, so that an abort after it leaves nothing behind. */
    private static void settle(CompletableFuture<CompletedPart> part) {
        try {
            part.join();
        } catch (RuntimeException ignored) {
            // the failure that matters is the one being thrown
        }
    }

    /**
     * Reads the next part into a buffer of its own, once the memory for one is free. Only part 1,
     * the upload's admission, gives up after {@code bufferWait}: a later one follows parts or a PUT
     * already sent.
     */
    private Part read(InputStream content, int number) throws IOException {
        try {
            if (number > 1) {
                buffers.acquire();
            } else if (!buffers.tryAcquire(bufferWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new NoBufferFreeException(bufferWait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for memory to read an upload into");
        }
        byte[] buffer = Objects.requireNonNullElseGet(freeBuffers.poll(), () -> new byte[partSize]);
        try {
            return new Part(buffer, content.readNBytes(buffer, 0, partSize), number);
        } catch (IOException | RuntimeException | Error e) {
            release(buffer);
            throw e;
        }
    }

    /** How many buffers no upload holds at the moment. */
    int buffersFree() {
        return buffers.availablePermits();
    }

    /** Gives back the memory of one part: the part's buffer is no longer used once this is called. */
    private void release(Part part) {
        release(part.buffer());
    }

    private void release(byte[] buffer) {
        freeBuffers.add(buffer);
        buffers.release();
    }

    /** One part of a stream: the first {@code length} bytes of its buffer. */
    private record Part(byte[] buffer, int length, int number) {

        InputStream stream() {
            return new ByteArrayInputStream(buffer, 0, length);
        }
    }

    /**
     * The content as one PUT reads it: exactly {@code length} bytes, the content's first and then,
     * if it ends before, zeros. A failure to read the content is kept, as the SDK reports it
     * wrapped in its own.
     */
    private static final class PaddedContent extends InputStream {
        private final InputStream content;
        private final long length;
        private long given;
        private long contentBytes;
        private boolean contentEnded;
        private Optional<IOException> failure = Optional.empty();
        private long longestWaitNanos;

        PaddedContent(InputStream content, long length) {
            this.content = content;
            this.length = length;
        }

        long contentBytes() {
            return contentBytes;
        }

        Optional<IOException> failure() {
            return failure;
        }

        /** The longest the PUT waited for the client in one read. */
        Duration longestWait() {
            return Duration.ofNanos(longestWaitNanos);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int count) throws IOException {
            if (given == length) {
                return -1;
            }
            int wanted = (int) Math.min(count, length - given);
            if (!contentEnded) {
                int read;
                long start = System.nanoTime();
                try {
                    read = content.read(target, offset, wanted);
                } catch (IOException e) {
                    failure = Optional.of(e);
                    throw e;
                } finally {
                    longestWaitNanos = Math.max(longestWaitNanos, System.nanoTime() - start);
                }
                if (read >= 0) {
                    contentBytes += read;
                    given += read;
                    return read;
                }
                contentEnded = true;
            }
            Arrays.fill(target, offset, offset + wanted, (byte) 0);
            given += wanted;
            return wanted;
        }
    }
}
