package io.geoingest.upload.chunked;

import io.geoingest.upload.chunked.UploadStore.AbortedUpload;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Aborts uploads nobody finished, when {@link io.geoingest.upload.cleanup.UnfinishedUploadsSweep}
 * runs: after {@code geoingest.upload.abandon-after} without a chunk, a completion or (for a STAC
 * asset upload) part URLs signed, the multipart upload is aborted and the staged chunks are
 * deleted, so storage does not keep paying for them. A completion whose service stopped in the
 * middle is settled at the first sweep after it fell silent (reopened or aborted, as a request
 * about it would). Every sweep also retries the removals
 * from storage that failed after an abort, whoever aborted.
 */
@ApplicationScoped
public class AbandonedUploads {
    private static final Logger LOG = Logger.getLogger(AbandonedUploads.class);
    private static final int BATCH_SIZE = 100;

    @Inject
    UploadStore store;

    @Inject
    AbortedUploadStorage abortedStorage;

    @Inject
    ChunkedUploads uploads;

    /**
     * Retries the removals still owed, then aborts the uploads unchanged for {@code inactiveFor} and
     * the completions cut off; returns how many it aborted. Both are told by the database's clock.
     * An object a completion left at an upload's key may be a file the database lost the record of,
     * and is kept ({@link AbortedUploadStorage#removeAbandoned}).
     */
    public int abortInactiveFor(Duration inactiveFor) {
        retryOwedRemovals();
        settleCutOffCompletions();
        int aborted = 0;
        List<AbortedUpload> batch;
        do {
            batch = store.claimAbandoned(inactiveFor, BATCH_SIZE);
            batch.forEach(abortedStorage::removeAbandoned);
            aborted += batch.size();
        } while (batch.size() == BATCH_SIZE);
        if (aborted > 0) {
            LOG.infof("Aborted %d chunked and STAC uploads unchanged for %s", aborted, inactiveFor);
        }
        return aborted;
    }

    /**
     * Settles the completions cut off as a request about their upload would
     * ({@link ChunkedUploads#settledIfCutOff}): reopened while storage holds the parts, for the
     * client to complete again without sending them, aborted otherwise. Each one settled leaves
     * the list; one storage cannot tell about stays for the next sweep.
     */
    private void settleCutOffCompletions() {
        for (UploadRecord upload : store.cutOffCompletions(BATCH_SIZE)) {
            uploads.settledIfCutOff(upload);
        }
    }

    /**
     * Pages by id, so that removals failing again are not listed over and over in one sweep. Who
     * aborted is not recorded, so an object that may be a completed file is kept, as in a sweep.
     */
    private void retryOwedRemovals() {
        int removed = 0;
        String afterId = "";
        List<AbortedUpload> batch;
        do {
            batch = store.owingStorageRemoval(afterId, BATCH_SIZE);
            for (AbortedUpload upload : batch) {
                if (abortedStorage.removeAbandoned(upload)) {
                    removed++;
                }
                afterId = upload.id();
            }
        } while (batch.size() == BATCH_SIZE);
        if (removed > 0) {
            LOG.infof("Removed from storage what %d aborted uploads had left there", removed);
        }
    }
}
