package io.geoingest.worker.catalog;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.event.StacTarget;
import io.geoingest.common.file.FileStatus;
import io.geoingest.common.stac.StacAsset;
import io.geoingest.common.stac.StacAssetId;
import io.geoingest.common.stac.StacItem;
import io.geoingest.common.stac.StacItemId;
import io.geoingest.common.time.StorableDates;
import io.geoingest.worker.claim.Claim;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;

/**
 * Puts processed files in the STAC catalog, in the transaction that records their status. A file
 * uploaded through the gIQ API becomes an item (id = file id) with one asset {@code data} in the
 * collection of its source type, private to the file's owner (and files_admin) as the file is on
 * the file API; a file uploaded to an existing STAC asset updates that asset, and its item stays
 * as it is.
 */
@ApplicationScoped
public class StacCatalog {
    private static final Logger LOG = Logger.getLogger(StacCatalog.class);
    static final String ASSET_ID = "data";

    @Inject
    EntityManager entityManager;

    @Transactional(Transactional.TxType.MANDATORY)
    public void completed(Claim claim, Completion completion) {
        if (claim.stac().isPresent()) {
            updateAsset(claim.stac().get(), claim.fileId(), (asset, properties) -> {
                asset.checksum = completion.checksum();
                // the type the client declared stays: a file uploaded gzip-compressed is detected as gzip
                if (asset.type == null || asset.type.isBlank()) {
                    asset.type = completion.contentType();
                }
                properties.put(StacAsset.STATUS, FileStatus.COMPLETED.name());
                properties.remove(StacAsset.REASON);
                properties.put(StacAsset.SIZE, completion.entry().size());
                // what the asset's writer said of its bands stands
                completion.entry().assetFields().fields().forEachRemaining(field -> {
                    if (!properties.has(field.getKey())) {
                        properties.set(field.getKey(), field.getValue());
                    }
                });
            });
            return;
        }
        registerItem(claim, completion);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void failed(Optional<StacTarget> target, UUID fileId, String reason) {
        target.ifPresent(stac -> updateAsset(stac, fileId, (asset, properties) -> {
            properties.put(StacAsset.STATUS, FileStatus.FAILED.name());
            properties.put(StacAsset.REASON, reason);
        }));
    }

    /**
     * Changes the asset the file was uploaded to, while the asset still holds that file;
     * {@code change} gets the asset and a mutable copy of its properties. A later upload to the
     * asset, or the asset deleted and made again, leaves this file out of it: files are processed
     * in no particular order, and an older one finishing last must not take the asset back.
     */
    private void updateAsset(StacTarget target, UUID fileId, BiConsumer<StacAsset, ObjectNode> change) {
        StacAsset asset = StacAsset.findById(new StacAssetId(target.collection(), target.item(), target.asset()),
                LockModeType.PESSIMISTIC_WRITE);
        if (asset == null) {
            LOG.warnf("File %s belongs to STAC asset %s/%s/%s, which no longer exists; the catalog is left as it is",
                    fileId, target.collection(), target.item(), target.asset());
            return;
        }
        if (!fileId.equals(asset.fileId)) {
            LOG.infof("File %s was uploaded to STAC asset %s/%s/%s, which holds %s now; the asset is left as it is",
                    fileId, target.collection(), target.item(), target.asset(),
                    asset.fileId == null ? "no file" : "file " + asset.fileId);
            return;
        }
        ObjectNode properties = asset.properties != null && asset.properties.isObject()
                ? ((ObjectNode) asset.properties).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        change.accept(asset, properties);
        asset.properties = properties;
        asset.updatedAt = StorableDates.now();
    }

    private void registerItem(Claim claim, Completion completion) {
        String collectionId = completion.sourceType().collectionId();
        Instant now = StorableDates.now();
        ensureCollection(collectionId, completion, now);
        CatalogEntry entry = completion.entry();
        String itemId = claim.fileId().toString();
        StacItem item = StacItem.findById(new StacItemId(collectionId, itemId));
        if (item == null) {
            item = new StacItem();
            item.collectionId = collectionId;
            item.id = itemId;
            item.createdAt = now;
        }
        // as private as the file: its owner's and files_admin's (a STAC upload never comes here)
        item.privateOwner = claim.owner();
        item.geometry = entry.geometry().orElse(null);
        item.bboxMinX = entry.bbox().map(box -> box.minX()).orElse(null);
        item.bboxMinY = entry.bbox().map(box -> box.minY()).orElse(null);
        item.bboxMaxX = entry.bbox().map(box -> box.maxX()).orElse(null);
        item.bboxMaxY = entry.bbox().map(box -> box.maxY()).orElse(null);
        item.datetime = entry.datetime();
        item.startDatetime = entry.start().orElse(null);
        item.endDatetime = entry.end().orElse(null);
        item.properties = entry.properties();
        item.updatedAt = now;
        item.persist();

        StacAsset asset = StacAsset.findById(new StacAssetId(collectionId, itemId, ASSET_ID));
        if (asset == null) {
            asset = new StacAsset();
            asset.collectionId = collectionId;
            asset.itemId = itemId;
            asset.id = ASSET_ID;
            asset.createdAt = now;
        }
        asset.href = entry.href();
        asset.type = completion.contentType();
        asset.title = claim.originalName();
        asset.roles = new String[] {"data"};
        asset.checksum = completion.checksum();
        asset.fileId = claim.fileId();
        ObjectNode properties = entry.assetFields().deepCopy();
        properties.put(StacAsset.SIZE, entry.size());
        properties.put(StacAsset.STATUS, FileStatus.COMPLETED.name());
        asset.properties = properties;
        asset.updatedAt = now;
        asset.persist();
    }

    /**
     * Several workers may create the same collection at once: the database settles it. It has no
     * extent of its own, so the STAC API answers with the extent of its items.
     */
    private void ensureCollection(String collectionId, Completion completion, Instant now) {
        entityManager.createNativeQuery("""
                        insert into stac_collection (id, title, description, license, properties, created_at, updated_at)
                        values (?1, ?2, ?3, 'proprietary', cast('{}' as jsonb), ?4, ?4)
                        on conflict (id) do nothing""")
                .setParameter(1, collectionId)
                .setParameter(2, "GeoIngest " + completion.sourceType().name() + " files")
                .setParameter(3, "Files uploaded to GeoIngest with source type " + completion.sourceType().name()
                        + ", catalogued by the processing worker.")
                .setParameter(4, now)
                .executeUpdate();
    }
}
