package io.geoingest.common.stac;

import io.geoingest.common.auth.Caller;
import io.geoingest.common.error.StacProblem;
import io.geoingest.common.file.SourceType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Who may destroy what the catalog holds. The catalog is shared: any uploader may add to it and
 * edit its metadata. But an asset holding an uploaded file (the worker's item of every uploaded
 * file has one) is its uploader's: only that uploader or an admin may remove it, replace its file
 * with another upload, or replace or remove the item or collection it is in. Otherwise one team
 * could wipe out another's catalog entries, which nothing would bring back. Whoever created a
 * collection or an item through the API may still do all of that within it: another team adding
 * a file to it must not lock its creator out. The collection of a source type
 * ({@link SourceType#collectionId()}) is the worker's: everyone's files of that type are catalogued
 * in it, so only an admin may create it, and its creator has no say over the files in it.
 */
@ApplicationScoped
public class CatalogOwnership {
    /** How the refusal reads, after what was refused ("Item scene holds a file ..."). */
    public static final String HOLDS_OTHER_OWNERS_FILE =
            "holds a file another owner uploaded or is uploading: only that owner, whoever created its item or collection, or"
                    + " files_admin may remove or replace it";

    @Inject
    EntityManager entityManager;

    /** Refuses to create the collection of a source type to anyone but an admin. */
    public void requireMayCreateCollection(Caller caller, String collectionId) {
        Optional<SourceType> reservedFor = SourceType.ofCollectionId(collectionId);
        if (reservedFor.isPresent() && !caller.admin()) {
            throw StacProblem.forbidden("Collection " + collectionId + " is reserved for the catalog of uploaded files"
                    + " of source type " + reservedFor.get() + ": only files_admin may create it");
        }
    }

    public void requireMayDestroyCollection(Caller caller, String collectionId) {
        requireNoOtherOwnersFile(caller, collectionId, Optional.empty(), Optional.empty(), "Collection " + collectionId,
                true);
    }

    /**
     * As {@link #requireMayDestroyCollection}, for a replacement of the collection's document. Its
     * items stay, so a file catalogued in it meanwhile loses nothing, and no row is locked: a lock
     * on every item of a collection of many thousand would hold up the worker for a title's change.
     */
    public void requireMayReplaceCollection(Caller caller, String collectionId) {
        requireNoOtherOwnersFile(caller, collectionId, Optional.empty(), Optional.empty(), "Collection " + collectionId,
                false);
    }

    public void requireMayDestroyItem(Caller caller, String collectionId, String itemId) {
        requireNoOtherOwnersFile(caller, collectionId, Optional.of(itemId), Optional.empty(), "Item " + itemId, true);
    }

    public void requireMayDestroyAsset(Caller caller, String collectionId, String itemId, String assetId) {
        requireNoOtherOwnersFile(caller, collectionId, Optional.of(itemId), Optional.of(assetId), "Asset " + assetId,
                true);
    }

    /**
     * The caller created the collection or the item named, or nothing below holds another's file.
     * Called in the transaction that destroys. When nothing below holds another's file, what it
     * checked is locked and checked again, so that a file linked by a transaction still open (an
     * upload completing, the worker cataloguing) is either seen or waits for the destruction and
     * finds its entry gone, never removed unseen. A refusal or a creator takes no lock: a caller
     * refused again and again must not hold up the worker on a collection of many thousand items.
     */
    @Transactional
    void requireNoOtherOwnersFile(Caller caller, String collectionId, Optional<String> itemId, Optional<String> assetId,
            String what, boolean destroys) {
        if (caller.admin()) {
            return;
        }
        // whoever created a source type's collection has no say over the files everyone uploads into it
        boolean collectionCreatorDecides = SourceType.ofCollectionId(collectionId).isEmpty();
        boolean createdByCaller = (Boolean) entityManager.createNativeQuery("""
                        select (?4 and exists (select 1 from stac_collection where id = ?1 and created_by = ?3))
                            or exists (select 1 from stac_item
                                       where collection_id = ?1 and id = cast(?2 as text) and created_by = ?3)""")
                .setParameter(1, collectionId)
                .setParameter(2, itemId.orElse(null))
                .setParameter(3, caller.owner())
                .setParameter(4, collectionCreatorDecides)
                .getSingleResult();
        if (createdByCaller) {
            return;
        }
        if (holdsOtherOwnersFile(caller, collectionId, itemId, assetId)) {
            throw StacProblem.forbidden(what + " " + HOLDS_OTHER_OWNERS_FILE);
        }
        if (!destroys) {
            return;
        }
        lockForDestruction(collectionId, itemId, assetId);
        if (holdsOtherOwnersFile(caller, collectionId, itemId, assetId)) {
            throw StacProblem.forbidden(what + " " + HOLDS_OTHER_OWNERS_FILE);
        }
    }

    /**
     * An asset in scope holds another owner's file or takes another owner's upload in progress (its
     * deletion would abort it), or an item in scope is another owner's private item (the worker's
     * item of a file uploaded through the file API): that item was made of the file, and stays its
     * owner's after its asset is removed or given another file.
     */
    private boolean holdsOtherOwnersFile(Caller caller, String collectionId, Optional<String> itemId,
            Optional<String> assetId) {
        return (Boolean) entityManager.createNativeQuery("""
                        select exists (select 1 from stac_asset a join file f on f.id = a.file_id
                                       where a.collection_id = ?1
                                         and (cast(?2 as text) is null or a.item_id = ?2)
                                         and (cast(?3 as text) is null or a.id = ?3)
                                         and f.owner <> ?4)
                            or exists (select 1 from stac_item i
                                       where i.collection_id = ?1
                                         and (cast(?2 as text) is null or i.id = ?2)
                                         and i.private_owner <> ?4)
                            or exists (select 1 from upload u
                                       where u.kind = 'stac' and u.status = 'in-progress'
                                         and u.stac_collection = ?1
                                         and (cast(?2 as text) is null or u.stac_item = ?2)
                                         and (cast(?3 as text) is null or u.stac_asset = ?3)
                                         and u.owner <> ?4)""")
                .setParameter(1, collectionId)
                .setParameter(2, itemId.orElse(null))
                .setParameter(3, assetId.orElse(null))
                .setParameter(4, caller.owner())
                .getSingleResult();
    }

    /**
     * Row locks in the order every writer takes them (collection, item, asset): a new item waits
     * on its collection's row, a new asset on its item's, a file linked to an asset on the asset's.
     * A completing upload locks its upload row before the asset's, so a destruction ends the
     * uploads it affects before it calls here, or the two would wait on each other.
     */
    private void lockForDestruction(String collectionId, Optional<String> itemId, Optional<String> assetId) {
        if (itemId.isEmpty()) {
            entityManager.createNativeQuery("select 1 from stac_collection where id = ?1 for update")
                    .setParameter(1, collectionId)
                    .getResultList();
        }
        if (assetId.isEmpty()) {
            entityManager.createNativeQuery("""
                            select 1 from stac_item where collection_id = ?1 and (cast(?2 as text) is null or id = ?2)
                            order by id for update""")
                    .setParameter(1, collectionId)
                    .setParameter(2, itemId.orElse(null))
                    .getResultList();
        }
        entityManager.createNativeQuery("""
                        select 1 from stac_asset
                        where collection_id = ?1 and (cast(?2 as text) is null or item_id = ?2)
                          and (cast(?3 as text) is null or id = ?3)
                        order by item_id, id for update""")
                .setParameter(1, collectionId)
                .setParameter(2, itemId.orElse(null))
                .setParameter(3, assetId.orElse(null))
                .getResultList();
    }
}
