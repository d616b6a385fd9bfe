package io.geoingest.upload.direct;

import io.geoingest.upload.storage.UploadStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Aborts the multipart uploads under {@code files/} that direct uploads cut off (the service killed
 * or stopped mid-upload) left, once older than {@code geoingest.upload.abandon-after}, when
 * {@link io.geoingest.upload.cleanup.UnfinishedUploadsSweep} runs: nothing records a direct upload
 * while it streams, and an incomplete multipart upload is never a stored file. Objects are never
 * deleted here: whether one has a file row says nothing safe about it when the database is new,
 * restored from an older backup or another installation's, and a crash between the PUT and the
 * row's commit leaves only a rare object to pay for, where deleting on a wrong database would lose
 * every file.
 */
@ApplicationScoped
public class DirectUploadLeftovers {
    private static final Logger LOG = Logger.getLogger(DirectUploadLeftovers.class);

    @Inject
    UploadStorage storage;

    /**
     * Aborts the multipart uploads whose key starts with {@code prefix}, one under {@code files/},
     * started before {@code cutoff}. A test passes a prefix of its own keys: storage is shared.
     */
    public void abortStartedBefore(String prefix, Instant cutoff) {
        int aborted = 0;
        for (MultipartUpload upload : storage.multipartUploadsUnder(prefix)) {
            // a store that gives no start date gives no reason to think the upload is over
            if (upload.initiated() != null && upload.initiated().isBefore(cutoff)) {
                storage.abortMultipartUploadQuietly(upload.key(), upload.uploadId());
                aborted++;
            }
        }
        if (aborted > 0) {
            LOG.infof("Aborted %d multipart uploads that cut-off direct uploads left under %s before %s", aborted, prefix,
                    cutoff);
        }
    }
}
