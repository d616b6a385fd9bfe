package io.geoingest.upload.chunked;

import io.geoingest.common.storage.ObjectKeys;
import io.geoingest.upload.chunked.UploadStore.AbortedUpload;
import io.geoingest.upload.storage.UploadStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Removes what an aborted upload stored, chunked or STAC, and records when that is done. A removal
 * that storage fails stays owed in the database, and every sweep of {@link AbandonedUploads} tries
 * it again until it succeeds: the upload is aborted already, and nothing else may ever try again
 * (a STAC abort sent again is a 409).
 */
@ApplicationScoped
public class AbortedUploadStorage {
    private static final Logger LOG = Logger.getLogger(AbortedUploadStorage.class);

    @Inject
    UploadStorage storage;

    @Inject
    UploadStore store;

    /**
     * Removes everything an upload that did not complete may have left in storage: its multipart
     * upload (every one under its own key, such as the one a chunked completion wrote the file anew
     * into), its staged chunks, and an object at its key from a completion that failed half-way
     * (no file refers to it: only a completed upload has a file). What is already gone counts as
     * removed. False when storage failed; the removal is then left to the next sweep.
     */
    public boolean remove(AbortedUpload upload) {
        try {
            storage.abortMultipartUpload(upload.objectKey(), upload.s3UploadId());
            if (upload.objectKey().startsWith(ObjectKeys.uploadPrefix(upload.id()))) {
                // an upload's key is its own: a chunked completion cut off may have left a second
                // multipart upload there, writing the file anew, before (or without) recording it
                for (MultipartUpload left : storage.multipartUploadsUnder(ObjectKeys.uploadPrefix(upload.id()))) {
                    storage.abortMultipartUpload(left.key(), left.uploadId());
                }
            }
            storage.deleteAll(ObjectKeys.stagingPrefix(upload.id()));
            storage.delete(upload.objectKey());
        } catch (SdkException e) {
            LOG.warnf(e, "Upload %s is aborted but storage could not remove what it stored; the next sweep of"
                    + " abandoned uploads tries again", upload.id());
            return false;
        }
        try {
            store.storageRemoved(upload.id());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Removed what aborted upload %s stored but could not record it; the next sweep removes it again",
                    upload.id());
        }
        return true;
    }
}
