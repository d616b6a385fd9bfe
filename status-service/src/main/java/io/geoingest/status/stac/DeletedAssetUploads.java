package io.geoingest.status.stac;

import io.geoingest.common.storage.StorageConfig;
import io.geoingest.common.time.StorableDates;
import io.geoingest.common.transaction.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;

/**
 * Uploads in progress to an asset that is deleted (alone, or with its item or collection) end with
 * it: they are marked aborted in the deleting transaction, so an asset created again under the same
 * id can take a new upload at once, and once that transaction commits their parts are removed from
 * storage, where they would otherwise wait for the upload-service's sweep of abandoned uploads.
 *
 * <p>Their rows are locked before the deletion, so that the deletion takes the upload rows before
 * the asset rows, as a completing upload does, or the two would wait on each other; they are still
 * in progress while the deletion checks whether another owner's upload stands in its way
 * ({@link io.geoingest.common.stac.CatalogOwnership}). They are ended after it, with any upload
 * started in between: a start inserts its row and then locks the asset's, so it either committed
 * before the deletion could lock the asset, and is seen then, or it waits for the deletion and
 * finds the asset gone.
 */
@ApplicationScoped
public class DeletedAssetUploads {
    private static final Logger LOG = Logger.getLogger(DeletedAssetUploads.class);

    @Inject
    EntityManager entityManager;

    @Inject
    TransactionSynchronizationRegistry transaction;

    @Inject
    S3Client s3;

    @Inject
    StorageConfig storage;

    /** Runs {@code deletion} of the asset, then ends the uploads to it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void aroundAssetDeletion(String collectionId, String itemId, String assetId, Runnable deletion) {
        around("stac_collection = :collection and stac_item = :item and stac_asset = :asset",
                Map.of("collection", collectionId, "item", itemId, "asset", assetId), deletion);
    }

    /** Runs {@code deletion} of the item, then ends the uploads to its assets. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void aroundItemDeletion(String collectionId, String itemId, Runnable deletion) {
        around("stac_collection = :collection and stac_item = :item", Map.of("collection", collectionId, "item", itemId),
                deletion);
    }

    /** Runs {@code deletion} of the collection, then ends the uploads to its assets. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void aroundCollectionDeletion(String collectionId, Runnable deletion) {
        around("stac_collection = :collection", Map.of("collection", collectionId), deletion);
    }

    /**
     * The end takes the rows of uploads started while the deletion ran after the asset rows, the
     * other order; only a completion of one of those, sent in that very moment, could hold its row
     * and wait for the asset; PostgreSQL would then fail one of the two.
     */
    private void around(String scope, Map<String, String> ids, Runnable deletion) {
        var lock = entityManager.createNativeQuery(
                "select id from upload where kind = 'stac' and status = 'in-progress' and " + scope + " for update");
        ids.forEach(lock::setParameter);
        lock.getResultList();
        deletion.run();
        // The deletion of an entity is written at commit; the end must come after it.
        entityManager.flush();
        abort(scope, ids);
    }

    private void abort(String scope, Map<String, String> ids) {
        var update = entityManager.createNativeQuery("update upload set status = 'aborted', updated_at = :now,"
                + " ended_at = :now where kind = 'stac' and status = 'in-progress' and " + scope
                + " returning object_key, s3_upload_id");
        update.setParameter("now", StorableDates.now());
        ids.forEach(update::setParameter);
        @SuppressWarnings("unchecked")
        List<Object[]> aborted = update.getResultList();
        AfterCommit.run(transaction, () -> aborted.forEach(row -> abortInStorage((String) row[0], (String) row[1])));
    }

    /** A failure leaves the parts to the storage's own clean-up (a lifecycle rule); the deletion stands. */
    private void abortInStorage(String key, String s3UploadId) {
        try {
            s3.abortMultipartUpload(request -> request.bucket(storage.bucket()).key(key).uploadId(s3UploadId));
            LOG.infof("Aborted the upload to %s: its asset was deleted", key);
        } catch (NoSuchUploadException gone) {
            LOG.debugf("The upload to %s had already ended in storage", key);
        } catch (SdkException e) {
            LOG.warnf(e, "The upload to %s was aborted with its asset, but storage kept its parts", key);
        }
    }
}
