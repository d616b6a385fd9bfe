package io.geoingest.upload.direct;

import io.geoingest.common.storage.ObjectKeys;
import io.geoingest.upload.UploadConfig;
import io.geoingest.upload.files.FileRegistry;
import io.geoingest.upload.storage.UploadStorage;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Removes what direct uploads cut off (the service killed or stopped mid-upload) left in storage,
 * which nothing records while a direct upload streams: multipart uploads under {@code files/} that
 * were never completed, and objects there without a file row, once older than
 * {@code geoingest.upload.abandon-after}, on the schedule of the abandoned chunked uploads' sweep.
 * Only direct uploads store under {@code files/}, so no upload row tracks anything there; an object
 * is kept whenever a file row has the id in its key, and a key without an id is never touched.
 */
@ApplicationScoped
public class DirectUploadLeftovers {
    private static final Logger LOG = Logger.getLogger(DirectUploadLeftovers.class);

    @Inject
    UploadStorage storage;

    @Inject
    FileRegistry files;

    @Inject
    UploadConfig config;

    @Scheduled(identity = "direct-upload-leftovers", every = "${geoingest.upload.cleanup-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        removeStartedBefore(Instant.now().minus(config.abandonAfter()));
    }

    /** Aborts the multipart uploads and deletes the objects without a file row that date from before {@code cutoff}. */
    public void removeStartedBefore(Instant cutoff) {
        int aborted = 0;
        for (MultipartUpload upload : storage.multipartUploadsUnder(ObjectKeys.FILES_PREFIX)) {
            // a store that gives no start date gives no reason to think the upload is over
            if (upload.initiated() != null && upload.initiated().isBefore(cutoff)) {
                storage.abortMultipartUploadQuietly(upload.key(), upload.uploadId());
                aborted++;
            }
        }
        int deleted = storage.objectPagesUnder(ObjectKeys.FILES_PREFIX)
                .mapToInt(page -> deleteUnrecorded(page, cutoff))
                .sum();
        if (aborted + deleted > 0) {
            LOG.infof("Removed what cut-off direct uploads left in storage before %s: %d multipart uploads aborted,"
                    + " %d objects without a file deleted", cutoff, aborted, deleted);
        }
    }

    private int deleteUnrecorded(List<S3Object> page, Instant cutoff) {
        List<S3Object> old = page.stream().filter(object -> object.lastModified().isBefore(cutoff)).toList();
        Set<UUID> recorded = files.recordedAmong(old.stream().map(S3Object::key).map(ObjectKeys::fileIdOf)
                .flatMap(Optional::stream).toList());
        List<String> unrecorded = old.stream().map(S3Object::key)
                .filter(key -> ObjectKeys.fileIdOf(key).filter(id -> !recorded.contains(id)).isPresent())
                .toList();
        if (!unrecorded.isEmpty()) {
            storage.delete(unrecorded);
        }
        return unrecorded.size();
    }
}
