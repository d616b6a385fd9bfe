package io.geoingest.upload.chunked;

import io.geoingest.common.auth.Caller;
import io.geoingest.common.error.FileApiProblem;
import io.geoingest.common.storage.ObjectKeys;
import io.geoingest.common.time.StorableDates;
import io.geoingest.upload.chunked.UploadStore.AbortedUpload;
import io.geoingest.upload.storage.UploadStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/** Starting a chunked upload, storing its chunks, listing and aborting it. Completion is {@link UploadCompletion}. */
@ApplicationScoped
public class ChunkedUploads {
    private static final Logger LOG = Logger.getLogger(ChunkedUploads.class);
    static final String NOT_IN_PROGRESS = "Upload is not in progress";

    @Inject
    UploadStore store;

    @Inject
    UploadStorage storage;

    @Inject
    AbortedUploadStorage abortedStorage;

    @Inject
    UploadAssembler assembler;

    /** Creates the upload row and its S3 multipart upload, which chunks of 5 MiB or more go straight into. */
    public UploadStarted start(Caller caller, String fileName) {
        UploadRecord upload = new UploadRecord();
        upload.id = UUID.randomUUID().toString();
        upload.kind = UploadRecord.KIND;
        upload.objectKey = ObjectKeys.forUpload(upload.id, fileName);
        upload.originalName = fileName;
        upload.owner = caller.owner();
        upload.status = UploadStatus.IN_PROGRESS;
        upload.createdAt = StorableDates.now();
        upload.updatedAt = upload.createdAt;
        try {
            upload.s3UploadId = storage.createMultipartUpload(upload.objectKey);
        } catch (SdkException e) {
            LOG.errorf(e, "Could not start the multipart upload of %s", upload.objectKey);
            throw FileApiProblem.serverFailure("Failed to generate upload ID");
        }
        try {
            store.create(upload);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record upload %s", upload.id);
            storage.abortMultipartUploadQuietly(upload.objectKey, upload.s3UploadId);
            throw FileApiProblem.serverFailure("Failed to generate upload ID");
        }
        return new UploadStarted(upload.id, upload.objectKey);
    }

    /**
     * Stores one chunk: a chunk S3 accepts as a part goes into the multipart upload, a smaller one
     * is kept as an object of its own until completion, where S3 would refuse it as a part.
     */
    public ChunkStored storeChunk(Caller caller, ChunkRequest chunk) {
        UploadRecord upload = settledIfCutOff(accessible(caller, chunk.uploadId()));
        requireKey(upload, chunk.key());
        if (upload.status != UploadStatus.IN_PROGRESS) {
            throw FileApiProblem.conflict(NOT_IN_PROGRESS);
        }
        Optional<String> stagedKey = chunk.file().size() < AssemblyPlan.MIN_PART_SIZE
                ? Optional.of(ObjectKeys.stagedChunk(upload.id, chunk.partNumber(), UUID.randomUUID()))
                : Optional.empty();
        StoredPart part;
        Optional<UploadStore.PartRecorded> recorded;
        try {
            String eTag = stagedKey.isPresent()
                    ? storage.put(stagedKey.get(), chunk.file().path())
                    : storage.uploadPart(upload.objectKey, upload.s3UploadId, chunk.partNumber(), chunk.file().path());
            part = new StoredPart(chunk.partNumber(), chunk.file().size(), eTag, stagedKey);
            recorded = store.recordPart(upload.id, part);
        } catch (RuntimeException e) {
            if (!stillInProgress(upload.id)) {
                // aborted or completed while this chunk was on its way, which is what made storage refuse it
                throw FileApiProblem.conflict(NOT_IN_PROGRESS);
            }
            LOG.errorf(e, "Could not store part %d of upload %s", chunk.partNumber(), upload.id);
            throw FileApiProblem.serverFailure("Failed to upload chunk");
        }
        if (recorded.isEmpty()) {
            // the copy is this request's own: a completion that started meanwhile uses another one
            stagedKey.ifPresent(storage::deleteQuietly);
            throw FileApiProblem.conflict(NOT_IN_PROGRESS);
        }
        // this part number may have been sent before as a small chunk
        recorded.get().replacedStagedKey().ifPresent(storage::deleteQuietly);
        return ChunkStored.of(part);
    }

    /** The parts stored so far: none once the upload was aborted, which removed them. */
    public UploadParts parts(Caller caller, String uploadId) {
        UploadRecord upload = settledIfCutOff(accessible(caller, uploadId));
        return UploadParts.of(upload, upload.status == UploadStatus.ABORTED ? List.of() : store.parts(upload.id));
    }

    /**
     * Aborts an upload and removes what it stored. Aborting an aborted upload only repeats the
     * removal; an upload whose completion was cut off (its service stopped in the middle) can be
     * aborted once that completion has been silent for a while. The abort stands when storage fails
     * to remove the parts: the sweep of abandoned uploads retries that removal until it succeeds.
     */
    public void abort(Caller caller, String uploadId) {
        UploadRecord upload = accessible(caller, uploadId);
        boolean aborted = upload.status == UploadStatus.ABORTED
                || store.transition(upload.id, UploadStatus.IN_PROGRESS, UploadStatus.ABORTED)
                || store.abortCutOffCompletion(upload.id);
        if (!aborted) {
            throw FileApiProblem.conflict(NOT_IN_PROGRESS);
        }
        abortedStorage.remove(AbortedUpload.of(upload));
    }

    /**
     * The upload, its completion settled if that was cut off (its service stopped in the middle,
     * and it has been silent for {@link UploadCompletion#SILENCE_OF_A_CUT_OFF_COMPLETION} by the
     * database's clock) when it is next asked about, rather than at the next sweep: reopened while
     * storage still holds its multipart upload (the parts were not used up), or the whole file the
     * completion wrote before it stopped, so that the client completes it again without sending
     * anything; otherwise aborted, with what the completion stored removed, for the client to start
     * anew, but for an object storage completed, which may be a file the database lost the record
     * of ({@link AbortedUploadStorage#removeAbandoned}). A storage that cannot be asked leaves the
     * settling to a later request or the sweep.
     */
    UploadRecord settledIfCutOff(UploadRecord upload) {
        if (upload.status != UploadStatus.COMPLETING || !store.completionCutOff(upload.id)) {
            return upload;
        }
        try {
            // a recorded rebuild means the parts were used up; storage alone cannot always tell, as
            // S3Proxy still lists the parts of a multipart upload it completed
            boolean partsKept = upload.rebuildS3UploadId == null
                    && storage.holdsMultipartUpload(upload.objectKey, upload.s3UploadId);
            if (partsKept || assembler.assembledBefore(upload, store.parts(upload.id))) {
                store.reopenCutOffCompletion(upload.id);
            } else if (store.abortCutOffCompletion(upload.id)) {
                abortedStorage.removeAbandoned(AbortedUpload.of(upload));
            }
        } catch (SdkException e) {
            LOG.warnf(e, "Could not tell whether storage still holds the parts of upload %s, whose completion was cut off", upload.id);
            return upload;
        }
        return store.find(upload.id).orElseThrow();
    }

    /** The upload, when the caller may act on it: its owner, or an admin. Others learn nothing about it. */
    public UploadRecord accessible(Caller caller, String uploadId) {
        return store.find(uploadId)
                .filter(upload -> caller.maySee(upload.owner))
                .orElseThrow(() -> FileApiProblem.notFound("Upload not found"));
    }

    public void requireKey(UploadRecord upload, String key) {
        if (!upload.objectKey.equals(key)) {
            throw FileApiProblem.badRequest("Bad Request: key '" + key + "' does not belong to upload " + upload.id
                    + "; send the key generateUploadId returned");
        }
    }

    private boolean stillInProgress(String uploadId) {
        try {
            return store.find(uploadId).map(upload -> upload.status == UploadStatus.IN_PROGRESS).orElse(false);
        } catch (RuntimeException e) {
            return true;
        }
    }
}
