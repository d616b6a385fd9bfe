package io.geoingest.upload.chunked;

import io.geoingest.common.auth.Caller;
import io.geoingest.common.concurrent.DaemonThreads;
import io.geoingest.common.error.FileApiProblem;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.logging.FileLogContext;
import io.geoingest.common.time.StorableDates;
import io.geoingest.upload.chunked.UploadAssembler.AssemblyFailed;
import io.geoingest.upload.chunked.UploadAssembler.PartsNotAsRecorded;
import io.geoingest.upload.chunked.UploadStore.AbortedUpload;
import io.geoingest.upload.files.NewFile;
import io.geoingest.upload.files.UploadedFile;
import io.geoingest.upload.metrics.UploadMetrics.UploadPath;
import io.geoingest.upload.metrics.UploadMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Completes a chunked upload: claims it (so a second completion gets a clean conflict), checks the
 * parts, assembles the file in storage, then records it QUEUED with its event and the upload
 * completed, in one transaction.
 */
@ApplicationScoped
public class UploadCompletion {
    /**
     * How long a completion may go without a sign of life before it counts as cut off (its service
     * stopped in the middle), so that the upload can be aborted: ten of its heartbeats.
     */
    static final Duration SILENCE_OF_A_CUT_OFF_COMPLETION = Duration.ofMinutes(5);
    private static final Duration HEARTBEAT = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(UploadCompletion.class);
    private static final String FAILED = "Failed to complete upload";
    private final ScheduledExecutorService heartbeats =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("completion-heartbeat"));

    @Inject
    ChunkedUploads uploads;

    @Inject
    UploadStore store;

    @Inject
    AbortedUploadStorage abortedStorage;

    @Inject
    UploadAssembler assembler;

    @Inject
    UploadMetrics metrics;

    public UploadedFile complete(Caller caller, Completion completion) {
        UploadRecord upload = uploads.settledIfCutOff(uploads.accessible(caller, completion.uploadId()));
        uploads.requireKey(upload, completion.key());
        if (!store.transition(upload.id, UploadStatus.IN_PROGRESS, UploadStatus.COMPLETING)) {
            throw FileApiProblem.conflict(ChunkedUploads.NOT_IN_PROGRESS);
        }
        // assembling thousands of parts can take minutes, which must not look like a completion cut off
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(() -> keepAlive(upload.id),
                HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return assembleAndRecord(upload, completion);
        } finally {
            heartbeat.cancel(false);
        }
    }

    @PreDestroy
    void stop() {
        heartbeats.shutdownNow();
    }

    private void keepAlive(String uploadId) {
        try {
            store.completionAlive(uploadId);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not mark the completion of upload %s alive", uploadId);
        }
    }

    private UploadedFile assembleAndRecord(UploadRecord upload, Completion completion) {
        List<StoredPart> parts = checkedParts(upload, completion.fileSize());
        try {
            assembler.assemble(upload, parts);
        } catch (PartsNotAsRecorded notAsRecorded) {
            reopen(upload);
            String numbers = notAsRecorded.partNumbers().stream().map(String::valueOf).collect(Collectors.joining(", "));
            throw FileApiProblem.badRequest("Bad Request: storage holds another copy of part " + numbers
                    + " than the one recorded (it was sent again while being stored); send part " + numbers
                    + " again, then complete");
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
                completion.sourceType(), upload.owner, StorableDates.now(), completion.metadata());
        try (FileLogContext logContext = FileLogContext.forRequest(file.id())) {
            return record(upload, file);
        }
    }

    private UploadedFile record(UploadRecord upload, NewFile file) {
        FileRecord record;
        try {
            record = store.complete(upload.id, file);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record the file of upload %s", upload.id);
            keepForACompletionSentAgain(upload);
            throw FileApiProblem.serverFailure(FAILED);
        }
        assembler.assembled(upload);
        metrics.fileStored(UploadPath.CHUNKED, record.id, record.size);
        return UploadedFile.of(record, record.size);
    }

    /**
     * The file is whole in storage but not recorded (the database out of reach for a moment): the
     * upload is reopened, and the completion sent again finds the file there and records it, where
     * aborting it removed the file and it had to be sent again. A reopening that fails too leaves it
     * completing, which a request or the sweep settles the same way once silent. Only an upload
     * aborted meanwhile (taken for cut off) leaves what this completion stored to remove; one whose
     * commit went through, its answer lost, is completed and keeps its file.
     */
    private void keepForACompletionSentAgain(UploadRecord upload) {
        try {
            if (!store.transition(upload.id, UploadStatus.COMPLETING, UploadStatus.IN_PROGRESS)
                    && store.find(upload.id).filter(row -> row.status == UploadStatus.ABORTED).isPresent()) {
                abortedStorage.remove(AbortedUpload.of(upload));
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not reopen upload %s after its file could not be recorded; it is settled once silent",
                    upload.id);
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
     * The parts were used up by a completion that then failed before the file was whole: the
     * upload can only be aborted, with what this completion stored, which no file refers to. One
     * aborted meanwhile (taken for cut off) leaves that to remove too.
     */
    private void abandon(UploadRecord upload) {
        try {
            boolean aborted = store.transition(upload.id, UploadStatus.COMPLETING, UploadStatus.ABORTED)
                    || store.find(upload.id).filter(row -> row.status == UploadStatus.ABORTED).isPresent();
            if (aborted) {
                abortedStorage.remove(AbortedUpload.of(upload));
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not abort upload %s after its completion failed; the abandoned-upload clean-up will", upload.id);
        }
    }
}
