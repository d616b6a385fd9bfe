package io.geoingest.upload.storage;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Stores a stream of unknown length as one object while it is still arriving: the bytes are cut
 * into parts that go to storage in parallel with the reading of the next, as an S3 multipart
 * upload (or one PUT when the whole stream fits in a part). Memory stays bounded whatever the
 * size: all uploads together hold at most {@code buffers} parts, and a reader waits for a free
 * one, which slows its client down instead of buffering more.
 */
@ApplicationScoped
public class StreamedObjects {
    private final UploadStorage storage;
    private final int partSize;
    private final int partsInFlight;
    private final Semaphore buffers;
    /** Buffers of parts already sent, for reuse: allocating 8 MiB per part cost about 0.1 s of GC per 100 MB. */
    private final Queue<byte[]> freeBuffers = new ConcurrentLinkedQueue<>();
    private final ExecutorService senders;

    @Inject
    public StreamedObjects(UploadStorage storage, StreamingConfig config) {
        this.storage = storage;
        this.partSize = Math.toIntExact(config.partSize().asLongValue());
        this.partsInFlight = config.partsInFlight();
        this.buffers = new Semaphore(config.buffers());
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(config.buffers(), task -> {
            Thread thread = new Thread(task, "storage-part-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        senders.shutdown();
    }

    /**
     * Stores {@code content} under {@code key}; returns its size. An empty stream stores nothing
     * and returns 0; a stream longer than {@code maxBytes} stores nothing and throws
     * {@link ObjectTooLargeException}. If reading or storing fails, nothing is left in storage.
     */
    public long store(String key, InputStream content, long maxBytes) throws IOException {
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

    private long storeInParts(String key, Part first, InputStream content, long maxBytes) throws IOException {
        String uploadId;
        try {
            uploadId = storage.createMultipartUpload(key);
        } catch (RuntimeException e) {
            release(first);
            throw e;
        }
        Deque<CompletableFuture<CompletedPart>> inFlight = new ArrayDeque<>();
        List<CompletedPart> sent = new ArrayList<>();
        try {
            long total = first.length();
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

    /** Reads the next part into a buffer of its own, once the memory for one is free. */
    private Part read(InputStream content, int number) throws IOException {
        try {
            buffers.acquire();
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
}
