package io.geoingest.status.stac.item;

import io.geoingest.common.auth.Caller;
import io.geoingest.common.error.StacProblem;
import io.geoingest.common.geo.LonLatBox;
import io.geoingest.common.stac.CatalogOwnership;
import io.geoingest.common.stac.StacCollection;
import io.geoingest.common.stac.StacItem;
import io.geoingest.common.stac.StacAssetId;
import io.geoingest.common.stac.StacItemId;
import io.geoingest.common.time.StorableDates;
import io.geoingest.status.stac.ConcurrentWrites;
import io.geoingest.status.stac.DeletedAssetUploads;
import io.geoingest.status.stac.Preconditions;
import io.geoingest.status.stac.asset.AssetCatalog;
import io.geoingest.status.stac.asset.AssetWrite;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Items of the catalog: created with POST, created or replaced with PUT, deleted with their assets. */
@ApplicationScoped
public class ItemCatalog {
    /**
     * A PUT on the id of an item the caller may not read. It cannot create the item, and must not
     * replace it or say whose it is: only that the id is in use (STAC Transactions answer a
     * creation under a taken id with 409). Ids of such items are file UUIDs, never guessed.
     */
    static final String ID_TAKEN = "The item id is taken: choose another id";

    @Inject
    EntityManager entityManager;

    @Inject
    AssetCatalog assetCatalog;

    @Inject
    DeletedAssetUploads uploads;

    @Inject
    CatalogOwnership ownership;

    @Inject
    ItemQuery query;

    @Inject
    ItemDocuments documents;

    /**
     * Creates the item or replaces its document (PUT), if the request's preconditions hold; true
     * when it was created. Its assets stay.
     */
    @Transactional
    public boolean put(Caller caller, String collectionId, String itemId, ItemWrite write, Preconditions preconditions) {
        if (StacCollection.findById(collectionId) == null) {
            throw StacProblem.collectionNotFound();
        }
        StacItemId key = new StacItemId(collectionId, itemId);
        StacItem item = StacItem.findById(key, preconditions.rowLock());
        if (item != null && item.hiddenFrom(caller)) {
            // Not there to this caller, so its conditions are held against no document (If-Match
            // fails as on a free id); but the id is taken, and the item neither replaced nor shown.
            requirePreconditions(caller, key, preconditions);
            throw StacProblem.conflict(ID_TAKEN);
        }
        ownership.requireMayDestroyItem(caller, collectionId, itemId);
        requirePreconditions(caller, key, preconditions);
        boolean created = item == null;
        write(caller, key, created ? Optional.empty() : Optional.of(item), write);
        return created;
    }

    /**
     * Creates the item (a POST of STAC API Transactions), which must not exist: an item of that id
     * is a 409, whether the caller may read it or not, and is left as it is. The assets of its body
     * are created with it, as PUTs of them would be, in one transaction.
     */
    @Transactional
    public void create(Caller caller, String collectionId, String itemId, ItemWrite write, Map<String, AssetWrite> assets) {
        if (StacCollection.findById(collectionId) == null) {
            throw StacProblem.collectionNotFound();
        }
        StacItemId key = new StacItemId(collectionId, itemId);
        StacItem existing = StacItem.findById(key);
        if (existing != null) {
            throw StacProblem.conflict(existing.hiddenFrom(caller) ? ID_TAKEN
                    : "Item " + itemId + " already exists: PUT replaces it");
        }
        ownership.requireMayDestroyItem(caller, collectionId, itemId);
        write(caller, key, Optional.empty(), write);
        assets.forEach((assetId, asset) -> assetCatalog.put(caller, new StacAssetId(collectionId, itemId, assetId), asset,
                Preconditions.NONE));
    }

    /** Writes the document of a new item ({@code existing} empty) or of the existing one. */
    private void write(Caller caller, StacItemId key, Optional<StacItem> existing, ItemWrite write) {
        Instant now = StorableDates.now();
        StacItem item = existing.orElseGet(() -> {
            StacItem made = new StacItem();
            made.collectionId = key.collectionId();
            made.id = key.id();
            made.createdAt = now;
            made.createdBy = caller.owner();
            return made;
        });
        item.geometry = write.geometry().orElse(null);
        item.bboxMinX = write.bbox().map(LonLatBox::west).orElse(null);
        item.bboxMinY = write.bbox().map(LonLatBox::south).orElse(null);
        item.bboxMaxX = write.bbox().map(LonLatBox::east).orElse(null);
        item.bboxMaxY = write.bbox().map(LonLatBox::north).orElse(null);
        item.datetime = write.datetime().orElse(null);
        item.startDatetime = write.startDatetime().orElse(null);
        item.endDatetime = write.endDatetime().orElse(null);
        item.properties = write.properties();
        item.updatedAt = now;
        if (existing.isEmpty()) {
            item.persist();
        }
        ConcurrentWrites.flush(entityManager);
        // other_fields (V6) is this API's column, not mapped by the shared entity.
        entityManager
                .createNativeQuery("update stac_item set other_fields = cast(:fields as jsonb)"
                        + " where collection_id = :collection and id = :item")
                .setParameter("fields", write.otherFields().toString())
                .setParameter("collection", key.collectionId())
                .setParameter("item", key.id())
                .executeUpdate();
    }

    /**
     * Deletes the item, if the request's preconditions hold; its assets go with it (the schema
     * cascades), and so do uploads to them.
     */
    @Transactional
    public void delete(Caller caller, String collectionId, String itemId, Preconditions preconditions) {
        uploads.aroundItemDeletion(collectionId, itemId, () -> {
            StacItemId key = new StacItemId(collectionId, itemId);
            StacItem item = StacItem.findById(key, preconditions.rowLock());
            // another owner's private item is missing to this caller: a refusal would show it is there
            if (item == null || item.hiddenFrom(caller)) {
                throw StacProblem.itemNotFound();
            }
            ownership.requireMayDestroyItem(caller, collectionId, itemId);
            requirePreconditions(caller, key, preconditions);
            item.delete();
            ConcurrentWrites.flushDeletion(entityManager, StacProblem::itemNotFound);
        });
    }

    /** Its document is read as stored: other_fields and assets are in it, which the entity does not map. */
    private void requirePreconditions(Caller caller, StacItemId key, Preconditions preconditions) {
        preconditions.requireForWrite(() -> query.find(key, caller).map(documents::tag));
    }
}
