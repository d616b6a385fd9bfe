package io.geoingest.upload.chunked;

import io.geoingest.common.auth.Caller;
import io.geoingest.common.error.FileApiProblem;
import io.geoingest.common.file.FileRecord;
import io.geoingest.upload.chunked.UploadAssembler.AssemblyFailed;
import io.geoingest.upload.files.NewFile;
import io.geoingest.upload.files.UploadedFile;
import io.geoingest.upload.metrics.UploadMetrics.UploadPath;
import io.geoingest.upload.metrics.UploadMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Completes a chunked upload: claims it (so a second completion gets a clean conflict), checks the
 * parts, assembles the file in storage, then records it QUEUED with its event and the upload
 * completed, in one transaction.
 */
@ApplicationScoped
public class UploadCompletion {
    private static final Logger LOG = Logger.getLogger(UploadCompletion.class);
    private static final String FAILED = "Failed to complete upload";

    @Inject
    ChunkedUploads uploads;

    @Inject
    UploadStore store;

    @Inject
    UploadAssembler assembler;

    @Inject
    UploadMetrics metrics;

    public UploadedFile complete(Caller caller, Completion completion) {
        UploadRecord upload = uploads.accessible(caller, completion.uploadId());
        uploads.requireKey(upload, completion.key());
        if (!store.transition(upload.id, UploadStatus.IN_PROGRESS, UploadStatus.COMPLETING)) {
            throw FileApiProblem.conflict(ChunkedUploads.NOT_IN_PROGRESS);
        }
        List<StoredPart> parts = checkedParts(upload, completion.fileSize());
        try {
            assembler.assemble(upload, parts);
        } catch (AssemblyFailed failure) {
            LOG.errorf(failure.getCause(), "Could not assemble upload %s", upload.id);
            if (failure.partsKept()) {
                reopen(upload);
            } else {
                abandon(upload);
            }
            throw FileApiProblem.serverFailure(FAILED);
        }
        NewFile file = new NewFile(UUID.randomUUID(), upload.originalName, upload.objectKey, completion.fileSize(),
                completion.sourceType(), upload.owner, Instant.now().truncatedTo(ChronoUnit.MILLIS), completion.metadata());
        try {
            FileRecord record = store.complete(upload.id, file);
            metrics.fileStored(UploadPath.CHUNKED, record.id, record.size);
            return UploadedFile.of(record, record.size);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record the file of upload %s", upload.id);
            abandon(upload);
            throw FileApiProblem.serverFailure(FAILED);
        }
    }

    /** The parts, when they make the file; otherwise the upload is reopened, for the client to fix, and refused. */
    private List<StoredPart> checkedParts(UploadRecord upload, long fileSize) {
        try {
            List<StoredPart> parts = store.parts(upload.id);
            PartsCheck.problem(parts, fileSize).ifPresent(problem -> {
                throw FileApiProblem.badRequest("Bad Request: " + problem);
            });
            return parts;
        } catch (FileApiProblem problem) {
            reopen(upload);
            throw problem;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not read the parts of upload %s", upload.id);
            reopen(upload);
            throw FileApiProblem.serverFailure(FAILED);
        }
    }

    /** Back to in-progress: nothing was consumed, the client may send parts and complete again. */
    private void reopen(UploadRecord upload) {
        try {
            store.transition(upload.id, UploadStatus.COMPLETING, UploadStatus.IN_PROGRESS);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not reopen upload %s; the abandoned-upload clean-up will abort it", upload.id);
        }
    }

    /**
     * The parts were used up by a completion that then failed: the upload can only be aborted. A
     * failure that came after the file was recorded after all (a commit whose answer was lost)
     * left the upload completed, and its file is kept.
     */
    private void abandon(UploadRecord upload) {
        try {
            if (store.transition(upload.id, UploadStatus.COMPLETING, UploadStatus.ABORTED)) {
                uploads.removeStored(upload.id, upload.objectKey, upload.s3UploadId);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not abort upload %s after its completion failed; the abandoned-upload clean-up will", upload.id);
        }
    }
}
