package io.geoingest.upload.chunked;

import io.geoingest.common.storage.ObjectKeys;
import io.geoingest.upload.chunked.AssemblyPlan.CopiedPart;
import io.geoingest.upload.chunked.AssemblyPlan.DirectBytes;
import io.geoingest.upload.chunked.AssemblyPlan.OutputPart;
import io.geoingest.upload.chunked.AssemblyPlan.Piece;
import io.geoingest.upload.chunked.AssemblyPlan.StagedChunk;
import io.geoingest.upload.chunked.AssemblyPlan.StreamedPart;
import io.geoingest.upload.storage.ByteRange;
import io.geoingest.upload.storage.UploadStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns the stored parts of an upload into the object at the upload's key, following
 * {@link AssemblyPlan}. Staged chunks are read only if they still are what was recorded (ETag), so
 * a chunk re-sent during completion makes it fail instead of corrupting the file.
 */
@ApplicationScoped
public class UploadAssembler {
    private static final String INVALID_PART = "InvalidPart";

    @Inject
    UploadStorage storage;

    @Inject
    UploadStore store;

    /** Why assembly failed, and whether the upload's multipart upload still holds its parts, so that it can be retried. */
    public static class AssemblyFailed extends RuntimeException {
        private final boolean partsKept;

        AssemblyFailed(Throwable cause, boolean partsKept) {
            super(cause);
            this.partsKept = partsKept;
        }

        public boolean partsKept() {
            return partsKept;
        }
    }

    /**
     * Storage holds other copies of these direct parts than the ones recorded: each was sent twice
     * at once, and the copy storage finished last was not the one recorded last. Nothing was
     * consumed; sending those parts again puts storage and the record in step.
     */
    public static class PartsNotAsRecorded extends AssemblyFailed {
        private final List<Integer> partNumbers;

        PartsNotAsRecorded(Throwable cause, List<Integer> partNumbers) {
            super(cause, true);
            this.partNumbers = List.copyOf(partNumbers);
        }

        public List<Integer> partNumbers() {
            return partNumbers;
        }
    }

    /**
     * Writes the file. On failure, removes what it created and throws {@link AssemblyFailed}. The
     * staged chunks stay until the file is recorded ({@link #assembled}): a completion sent again
     * after the recording failed reads them again where storage still takes the parts.
     */
    public void assemble(UploadRecord upload, List<StoredPart> parts) {
        try {
            if (AssemblyPlan.completesInPlace(parts)) {
                completeInPlace(upload, parts);
            } else {
                rebuild(upload, parts);
            }
        } catch (AssemblyFailed failure) {
            if (failure.partsKept()) {
                throw failure;
            }
            boolean whole;
            try {
                whole = assembledBefore(upload, parts);
            } catch (SdkException unknown) {
                // whether the file is whole cannot be told now: the upload stays open, nothing removed
                throw new AssemblyFailed(unknown, true);
            }
            if (!whole) {
                throw failure;
            }
        }
    }

    /** The file is recorded: the staged chunks it was made of are needed no more. */
    public void assembled(UploadRecord upload) {
        storage.deleteAllQuietly(ObjectKeys.stagingPrefix(upload.id));
    }

    /**
     * Whether an earlier completion wrote the whole file, and its answer was lost (a timeout, the
     * service stopped before recording it): storage knows the multipart upload no more, completing
     * used it up, and the upload's key, which only this upload writes, holds an object of the
     * parts' size. Taken for a failure, the file was removed as the upload was aborted.
     */
    boolean assembledBefore(UploadRecord upload, List<StoredPart> parts) {
        long size = parts.stream().mapToLong(StoredPart::size).sum();
        return storage.storedSize(upload.objectKey).equals(OptionalLong.of(size));
    }

    /** Every part but the last is in the multipart upload: add the last one if it was staged, and complete. */
    private void completeInPlace(UploadRecord upload, List<StoredPart> parts) {
        try {
            List<CompletedPart> completed = new ArrayList<>();
            for (StoredPart part : parts) {
                String eTag = part.staged()
                        ? storage.copyPart(upload.objectKey, upload.s3UploadId, part.partNumber(),
                                part.stagedKey().get(), Optional.of(part.eTag()), Optional.empty())
                        : part.eTag();
                completed.add(completedPart(part.partNumber(), eTag));
            }
            completeRecordedParts(upload, completed, parts);
        } catch (NoSuchUploadException gone) {
            throw new AssemblyFailed(gone, false);
        } catch (PartsNotAsRecorded notAsRecorded) {
            throw notAsRecorded;
        } catch (RuntimeException e) {
            throw new AssemblyFailed(e, true);
        }
    }

    /**
     * Small chunks lie between the parts, so the file is written anew at the upload's key. When
     * they all are small chunks, it is written into the upload's own multipart upload, which holds
     * nothing else the file needs: a failure, or a service stopped in the middle, leaves the chunks
     * and that upload for the client to complete again.
     */
    private void rebuild(UploadRecord upload, List<StoredPart> parts) {
        if (parts.stream().allMatch(StoredPart::staged)) {
            try {
                writeAnew(upload, parts, upload.s3UploadId, Optional.empty());
            } catch (RuntimeException e) {
                throw new AssemblyFailed(e, !(e instanceof NoSuchUploadException));
            }
        } else {
            rebuildAroundDirectParts(upload, parts);
        }
    }

    /**
     * Completes the direct parts into an object at the upload's key (a multipart upload completes
     * only at the key it was started for), then writes the file anew at that key, into a second
     * multipart upload, from ranges of that object and the staged chunks.
     */
    private void rebuildAroundDirectParts(UploadRecord upload, List<StoredPart> parts) {
        String key = upload.objectKey;
        boolean partsConsumed = false;
        Optional<String> rebuildId = Optional.empty();
        try {
            String directETag = completeDirectParts(upload, parts);
            partsConsumed = true;
            rebuildId = Optional.of(storage.createMultipartUpload(key));
            // a service stopped from here on leaves this multipart upload: the abort of the upload removes it
            store.rebuildStarted(upload.id, rebuildId.get());
            writeAnew(upload, parts, rebuildId.get(), Optional.of(directETag));
        } catch (PartsNotAsRecorded notAsRecorded) {
            throw notAsRecorded;
        } catch (RuntimeException e) {
            rebuildId.ifPresent(id -> storage.abortMultipartUploadQuietly(key, id));
            if (partsConsumed) {
                storage.deleteQuietly(key);
            }
            throw new AssemblyFailed(e, !partsConsumed && !(e instanceof NoSuchUploadException));
        }
    }

    /**
     * Writes the file at the upload's key through the multipart upload {@code targetUploadId}, its
     * parts numbered from 1 (a part of that upload with another number is left out of the file),
     * reading direct bytes from the object tagged {@code directETag}.
     */
    private void writeAnew(UploadRecord upload, List<StoredPart> parts, String targetUploadId, Optional<String> directETag) {
        String key = upload.objectKey;
        List<CompletedPart> written = new ArrayList<>();
        for (OutputPart part : AssemblyPlan.rebuild(parts)) {
            int number = written.size() + 1;
            String eTag;
            if (part instanceof CopiedPart copied) {
                eTag = storage.copyPart(key, targetUploadId, number, key, directETag, Optional.of(copied.range()));
            } else {
                StreamedPart streamed = (StreamedPart) part;
                eTag = storage.uploadPart(key, targetUploadId, number, () -> new ConcatenatedInputStream(
                        streamed.pieces().stream()
                                .map(piece -> (Supplier<InputStream>) () -> open(upload, piece, directETag))
                                .iterator()),
                        streamed.length());
            }
            written.add(completedPart(number, eTag));
        }
        storage.completeMultipartUpload(key, targetUploadId, written);
    }

    /** Completes the direct parts (there is at least one) into the object at the upload's key; returns its ETag. */
    private String completeDirectParts(UploadRecord upload, List<StoredPart> parts) {
        List<CompletedPart> direct = parts.stream()
                .filter(part -> !part.staged())
                .map(part -> completedPart(part.partNumber(), part.eTag()))
                .toList();
        return completeRecordedParts(upload, direct, parts);
    }

    /** Completes the upload's multipart upload with the parts as recorded; returns the object's ETag. */
    private String completeRecordedParts(UploadRecord upload, List<CompletedPart> completed, List<StoredPart> parts) {
        try {
            return storage.completeMultipartUpload(upload.objectKey, upload.s3UploadId, completed);
        } catch (S3Exception refused) {
            if (refused.awsErrorDetails() == null || !INVALID_PART.equals(refused.awsErrorDetails().errorCode())) {
                throw refused;
            }
            Map<Integer, String> held = storage.partETags(upload.objectKey, upload.s3UploadId);
            List<Integer> notAsRecorded = parts.stream()
                    .filter(part -> !part.staged())
                    .filter(part -> !sameETag(held.get(part.partNumber()), part.eTag()))
                    .map(StoredPart::partNumber)
                    .toList();
            if (notAsRecorded.isEmpty()) {
                throw refused;
            }
            throw new PartsNotAsRecorded(refused, notAsRecorded);
        }
    }

    private static boolean sameETag(String held, String recorded) {
        return held != null && unquoted(held).equals(unquoted(recorded));
    }

    private static String unquoted(String eTag) {
        return eTag.replace("\"", "");
    }

    private InputStream open(UploadRecord upload, Piece piece, Optional<String> directETag) {
        if (piece instanceof DirectBytes bytes) {
            return storage.read(upload.objectKey, directETag, bytes.range());
        }
        StoredPart chunk = ((StagedChunk) piece).part();
        return storage.read(chunk.stagedKey().get(), Optional.of(chunk.eTag()),
                new ByteRange(0, chunk.size()));
    }

    private static CompletedPart completedPart(int number, String eTag) {
        return CompletedPart.builder().partNumber(number).eTag(eTag).build();
    }

    /** The pieces one after the other; each is opened only when the one before is read to its end. */
    private static final class ConcatenatedInputStream extends InputStream {
        private final Iterator<Supplier<InputStream>> pieces;
        private InputStream current;

        ConcatenatedInputStream(Iterator<Supplier<InputStream>> pieces) {
            this.pieces = pieces;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (true) {
                if (current == null) {
                    if (!pieces.hasNext()) {
                        return -1;
                    }
                    current = pieces.next().get();
                }
                int read = current.read(buffer, offset, length);
                if (read > 0) {
                    return read;
                }
                if (read < 0) {
                    current.close();
                    current = null;
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }
}
