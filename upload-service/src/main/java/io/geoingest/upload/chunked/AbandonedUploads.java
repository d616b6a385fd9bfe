package io.geoingest.upload.chunked;

import io.geoingest.upload.UploadConfig;
import io.geoingest.upload.chunked.UploadStore.AbandonedUpload;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Aborts uploads nobody finished: after {@code geoingest.upload.abandon-after} without a chunk, a
 * completion or (for a STAC asset upload) part URLs signed, the multipart upload is aborted and the
 * staged chunks are deleted, so storage does not keep paying for them. A completion whose service
 * stopped in the middle is aborted at the first sweep after it fell silent.
 */
@ApplicationScoped
public class AbandonedUploads {
    private static final Logger LOG = Logger.getLogger(AbandonedUploads.class);
    private static final int BATCH_SIZE = 100;

    @Inject
    UploadStore store;

    @Inject
    ChunkedUploads uploads;

    @Inject
    UploadConfig config;

    @Scheduled(identity = "abandoned-uploads", every = "${geoingest.upload.cleanup-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void abortAbandoned() {
        abortInactiveSince(Instant.now().minus(config.abandonAfter()));
    }

    /** Aborts the uploads unchanged since {@code cutoff} and the completions cut off; returns how many. */
    public int abortInactiveSince(Instant cutoff) {
        Instant completionCutoff = UploadCompletion.cutOffIfSilentSince();
        int aborted = 0;
        List<AbandonedUpload> batch;
        do {
            batch = store.claimAbandoned(cutoff, completionCutoff, BATCH_SIZE);
            for (AbandonedUpload upload : batch) {
                try {
                    uploads.removeStored(upload.id(), upload.objectKey(), upload.s3UploadId());
                } catch (SdkException e) {
                    LOG.warnf(e, "Aborted abandoned upload %s but could not remove all it stored", upload.id());
                }
            }
            aborted += batch.size();
        } while (batch.size() == BATCH_SIZE);
        if (aborted > 0) {
            LOG.infof("Aborted %d chunked uploads unchanged since %s", aborted, cutoff);
        }
        return aborted;
    }
}
