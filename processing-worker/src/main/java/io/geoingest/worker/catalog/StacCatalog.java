package io.geoingest.worker.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.event.StacTarget;
import io.geoingest.common.file.FileStatus;
import io.geoingest.common.stac.StacAsset;
import io.geoingest.common.stac.StacAssetId;
import io.geoingest.common.file.SourceType;
import io.geoingest.common.time.StorableDates;
import io.geoingest.worker.claim.Claim;
import io.geoingest.worker.format.Bounds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.ToDoubleFunction;
import org.hibernate.Session;
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

    private static final List<ToDoubleFunction<Bounds>> BOX_SIDES =
            List.of(Bounds::minX, Bounds::minY, Bounds::maxX, Bounds::maxY);
    /** See {@link #registerItem}; parameters as it binds them. */
    private static final String REGISTER_ITEM = """
            with collection as (
                insert into stac_collection (id, title, description, license, properties, created_at, updated_at)
                values (?, ?, ?, 'proprietary', cast('{}' as jsonb), ?, ?)
                on conflict (id) do nothing),
            item as (
                insert into stac_item (collection_id, id, private_owner, geometry, bbox_min_x, bbox_min_y, bbox_max_x,
                    bbox_max_y, datetime, start_datetime, end_datetime, properties, created_at, updated_at)
                values (?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)
                on conflict (collection_id, id) do update set private_owner = excluded.private_owner,
                    geometry = excluded.geometry, bbox_min_x = excluded.bbox_min_x, bbox_min_y = excluded.bbox_min_y,
                    bbox_max_x = excluded.bbox_max_x, bbox_max_y = excluded.bbox_max_y, datetime = excluded.datetime,
                    start_datetime = excluded.start_datetime, end_datetime = excluded.end_datetime,
                    properties = excluded.properties, updated_at = excluded.updated_at)
            insert into stac_asset (collection_id, item_id, id, href, type, title, roles, checksum, file_id, properties,
                created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)
            on conflict (collection_id, item_id, id) do update set href = excluded.href, type = excluded.type,
                title = excluded.title, roles = excluded.roles, checksum = excluded.checksum, file_id = excluded.file_id,
                properties = excluded.properties, updated_at = excluded.updated_at""";

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

    /**
     * The collection (when missing), the item and its asset in one statement: a file catalogued is
     * one round trip, where reading the item and the asset back for an ORM to merge was five, and
     * the backlog's rate is counted in them. Foreign keys are checked at the statement's end, so the
     * item may reference the collection inserted beside it. A file catalogued again (a claim whose
     * end was lost) replaces what the worker wrote and keeps what others did (the item's other
     * fields, its creator). Several workers may create the same collection at once: the database
     * settles it. It has no extent of its own; the STAC API answers with the extent of its items.
     */
    private void registerItem(Claim claim, Completion completion) {
        SourceType sourceType = completion.sourceType();
        String collectionId = sourceType.collectionId();
        CatalogEntry entry = completion.entry();
        String itemId = claim.fileId().toString();
        ObjectNode assetProperties = entry.assetFields().deepCopy();
        assetProperties.put(StacAsset.SIZE, entry.size());
        assetProperties.put(StacAsset.STATUS, FileStatus.COMPLETED.name());
        Instant now = StorableDates.now();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(REGISTER_ITEM)) {
                Binder bind = new Binder(statement);
                bind.text(collectionId);
                bind.text("GeoIngest " + sourceType.name() + " files");
                bind.text("Files uploaded to GeoIngest with source type " + sourceType.name()
                        + ", catalogued by the processing worker.");
                bind.time(now);
                bind.time(now);

                bind.text(collectionId);
                bind.text(itemId);
                // as private as the file: its owner's and files_admin's (a STAC upload never comes here)
                bind.text(claim.owner());
                bind.text(entry.geometry().map(JsonNode::toString).orElse(null));
                for (ToDoubleFunction<Bounds> side : BOX_SIDES) {
                    bind.number(entry.bbox().map(box -> side.applyAsDouble(box)));
                }
                bind.time(entry.datetime());
                bind.time(entry.start().orElse(null));
                bind.time(entry.end().orElse(null));
                bind.text(entry.properties().toString());
                bind.time(now);
                bind.time(now);

                bind.text(collectionId);
                bind.text(itemId);
                bind.text(ASSET_ID);
                bind.text(entry.href());
                bind.text(completion.contentType());
                bind.text(claim.originalName());
                statement.setArray(bind.next(), connection.createArrayOf("text", new String[] {"data"}));
                bind.text(completion.checksum());
                statement.setObject(bind.next(), claim.fileId());
                bind.text(assetProperties.toString());
                bind.time(now);
                bind.time(now);
                statement.executeUpdate();
            }
        });
    }

    /** Binds the statement's parameters in their order. */
    private static final class Binder {
        private final PreparedStatement statement;
        private int column;

        Binder(PreparedStatement statement) {
            this.statement = statement;
        }

        int next() {
            return ++column;
        }

        void text(String value) throws SQLException {
            statement.setString(next(), value);
        }

        void time(Instant value) throws SQLException {
            statement.setObject(next(), value == null ? null : value.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
        }

        void number(Optional<Double> value) throws SQLException {
            if (value.isPresent()) {
                statement.setDouble(next(), value.get());
            } else {
                statement.setNull(next(), Types.DOUBLE);
            }
        }
    }
}
