package io.geoingest.status.stac.asset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.auth.Caller;
import io.geoingest.common.error.StacProblem;
import io.geoingest.common.stac.CatalogOwnership;
import io.geoingest.common.stac.StacAsset;
import io.geoingest.common.stac.StacAssetId;
import io.geoingest.common.stac.StacItem;
import io.geoingest.common.stac.StacItemId;
import io.geoingest.common.time.StorableDates;
import io.geoingest.status.stac.ConcurrentWrites;
import io.geoingest.status.stac.DeletedAssetUploads;
import io.geoingest.status.stac.PageLimit;
import io.geoingest.status.stac.Preconditions;
import io.geoingest.status.stac.item.ItemQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Asset metadata. An asset must exist before a file can be uploaded to it; once it has a file,
 * its file id, checksum and internal location belong to the upload and the worker, and a PUT
 * changes only the metadata around them.
 */
@ApplicationScoped
public class AssetCatalog {
    public static final String ASSETS_OVER_BUDGET = "The assets of an item may take at most "
            + PageLimit.DOCUMENT_BUDGET / (1024 * 1024) + " MiB of JSON together";

    @Inject
    EntityManager entityManager;

    @Inject
    CatalogOwnership ownership;

    @Inject
    DeletedAssetUploads uploads;

    @Inject
    AssetReader reader;

    @Inject
    ItemQuery items;

    @Inject
    AssetDocuments documents;

    /** Creates the asset or replaces its metadata (PUT), if the request's preconditions hold; true when it was created. */
    @Transactional
    public boolean put(Caller caller, StacAssetId key, AssetWrite write, Preconditions preconditions) {
        if (items.find(new StacItemId(key.collectionId(), key.itemId()), caller).isEmpty()) {
            throw StacProblem.itemNotFound();
        }
        Instant now = StorableDates.now();
        // Locked before reading what the PUT keeps: the worker (and a completing upload) change the
        // asset under the same lock, and every column is written back, so a copy read without it
        // could undo what they wrote in between. An asset removed meanwhile is then not found, and
        // the PUT creates it anew, as its retry would.
        StacAsset asset = StacAsset.findById(key, LockModeType.PESSIMISTIC_WRITE);
        requirePreconditions(caller, key, preconditions);
        boolean created = asset == null;
        if (created) {
            asset = new StacAsset();
            asset.collectionId = key.collectionId();
            asset.itemId = key.itemId();
            asset.id = key.id();
            asset.createdAt = now;
        }
        asset.type = write.type().orElse(null);
        asset.title = write.title().orElse(null);
        asset.roles = write.roles().isEmpty() ? null : write.roles().toArray(String[]::new);
        if (asset.fileId == null) {
            asset.href = write.href().orElse(null);
        }
        ObjectNode properties = write.otherFields().deepCopy();
        if (asset.fileId != null) {
            // The file is ours: what processing found of it (file:size) is the worker's, never the
            // client's; the client's own fields replace the rest. Without an uploaded file (an
            // external href), nothing else sets file:size, and the client's stays.
            properties.remove(StacAsset.PROCESSED);
            if (asset.properties != null && asset.properties.isObject()) {
                for (String processed : StacAsset.PROCESSED) {
                    JsonNode found = asset.properties.get(processed);
                    if (found != null) {
                        properties.set(processed, found);
                    }
                }
            }
        }
        asset.properties = properties;
        asset.updatedAt = now;
        if (created) {
            asset.persist();
        }
        ConcurrentWrites.flush(entityManager);
        requireAssetsWithinBudget(key);
        return created;
    }

    /**
     * An item is read and sent whole, with every asset: without a bound, a writer could give one
     * item thousands of 1 MiB assets, and each read of it (by anyone, the catalog being open) would
     * take gigabytes of the service's heap. The item's assets, this one written, must fit in a page's
     * budget together; measured as the text they are sent as, since what PostgreSQL stores may be
     * compressed far below it.
     */
    private void requireAssetsWithinBudget(StacAssetId key) {
        long length = ((Number) entityManager.createNativeQuery("""
                        select coalesce(sum(octet_length(properties::text)), 0) from stac_asset
                        where collection_id = ?1 and item_id = ?2
                        """)
                .setParameter(1, key.collectionId())
                .setParameter(2, key.itemId())
                .getSingleResult()).longValue();
        if (length > PageLimit.DOCUMENT_BUDGET) {
            throw StacProblem.badRequest(ASSETS_OVER_BUDGET + " (with this one, " + length + " bytes): remove or shorten others first");
        }
    }

    /**
     * Deletes the asset's metadata and ends an upload to it still in progress, if the request's
     * preconditions hold; an uploaded file stays stored, as the file API still serves it.
     */
    @Transactional
    public void delete(Caller caller, StacAssetId key, Preconditions preconditions) {
        uploads.aroundAssetDeletion(key.collectionId(), key.itemId(), key.id(), () -> {
            // the assets of another owner's private item are missing to this caller, as on a read
            StacItem item = StacItem.findById(new StacItemId(key.collectionId(), key.itemId()));
            if (item != null && item.hiddenFrom(caller)) {
                throw StacProblem.assetNotFound();
            }
            ownership.requireMayDestroyAsset(caller, key.collectionId(), key.itemId(), key.id());
            StacAsset asset = StacAsset.findById(key, preconditions.rowLock());
            if (asset == null) {
                throw StacProblem.assetNotFound();
            }
            requirePreconditions(caller, key, preconditions);
            asset.delete();
            ConcurrentWrites.flushDeletion(entityManager, StacProblem::assetNotFound);
        });
    }

    /** Its document is read as stored: it shows the state of its file, which the entity does not map. */
    private void requirePreconditions(Caller caller, StacAssetId key, Preconditions preconditions) {
        preconditions.requireForWrite(() -> reader.find(key, caller).map(documents::tag));
    }
}
