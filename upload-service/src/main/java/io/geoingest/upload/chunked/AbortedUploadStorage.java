package io.geoingest.upload.chunked;

import io.geoingest.common.storage.ObjectKeys;
import io.geoingest.upload.chunked.UploadStore.AbortedUpload;
import io.geoingest.upload.storage.UploadStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalLong;
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
     * (no file refers to it: only a completed upload has a file). For an upload its client aborted,
     * or one whose completion in this service failed. What is already gone counts as removed.
     * False when storage failed; the removal is then left to the next sweep.
     */
    public boolean remove(AbortedUpload upload) {
        return remove(upload, false);
    }

    /**
     * {@link #remove}, for an upload nobody asked to abort (abandoned, a completion cut off, a
     * removal owed by whoever aborted): an object at its key stays when storage no longer knows
     * the upload's multipart upload and no other one was writing that key, as a completion that
     * storage carried out leaves it. The database may have lost the record of that completion (a
     * failover to a replica behind, a restore from backup) after the client was told its file is
     * stored, and the object is then the only copy; a leak is the lesser harm, and an ERROR says
     * where it is.
     */
    public boolean removeAbandoned(AbortedUpload upload) {
        return remove(upload, true);
    }

    private boolean remove(AbortedUpload upload, boolean keepACompletedObject) {
        try {
            boolean multipartUploadGone = !storage.abortMultipartUpload(upload.objectKey(), upload.s3UploadId());
            boolean otherStillWriting = false;
            if (upload.objectKey().startsWith(ObjectKeys.uploadPrefix(upload.id()))) {
                // an upload's key is its own: a chunked completion cut off may have left a second
                // multipart upload there, writing the file anew, before (or without) recording it;
                // the object at the key is then only the part of the file it was written around
                for (MultipartUpload left : storage.multipartUploadsUnder(ObjectKeys.uploadPrefix(upload.id()))) {
                    boolean aborted = storage.abortMultipartUpload(left.key(), left.uploadId());
                    otherStillWriting |= aborted && !left.uploadId().equals(upload.s3UploadId());
                }
            }
            storage.deleteAll(ObjectKeys.stagingPrefix(upload.id()));
            OptionalLong kept = keepACompletedObject && multipartUploadGone && !otherStillWriting
                    ? storage.storedSize(upload.objectKey())
                    : OptionalLong.empty();
            if (kept.isPresent()) {
                LOG.errorf("Kept %s (%d bytes) of aborted upload %s: storage completed the upload, but the database"
                        + " has no record of its completion (a failover or a restore may have lost it, after the"
                        + " client was told the file is stored); register it as a file, or delete it",
                        upload.objectKey(), kept.getAsLong(), upload.id());
            } else {
                storage.delete(upload.objectKey());
            }
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
