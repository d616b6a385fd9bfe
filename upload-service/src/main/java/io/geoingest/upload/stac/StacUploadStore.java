package io.geoingest.upload.stac;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.stac.StacAsset;
import io.geoingest.common.stac.StacAssetId;
import io.geoingest.common.time.StorableDates;
import io.geoingest.upload.chunked.UploadStatus;
import io.geoingest.upload.files.FileRegistry;
import io.geoingest.upload.files.NewFile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The rows of STAC asset uploads. One upload in progress per asset is the database's partial
 * unique index; status changes are conditional updates, so of two racing requests one wins.
 */
@ApplicationScoped
public class StacUploadStore {
    private static final String COLUMNS = """
            id, stac_collection, stac_item, stac_asset, s3_upload_id, object_key, owner, status, number_parts,
            md5_parts::text, checksum, content_encoding, created_at, updated_at, ended_at""";

    /** What the worker stores on the asset about the file it processed (processing-worker's StacCatalog). */

    @Inject
    EntityManager entityManager;

    @Inject
    FileRegistry files;

    @Inject
    ObjectMapper json;

    /**
     * Inserts the upload unless another one of the asset is in progress; false then. The asset's
     * row is then locked in the same transaction, so that a removal of the asset (or of its item or
     * collection) that deletes it later waits for this upload and ends it with the asset, and one
     * that deleted it first makes this insert fail with 404 and be undone. The upload's row comes
     * first, as in a removal and in a completion; the other order would deadlock with them. Its
     * part URLs count as signed when it was created: the start signs them before it records it.
     */
    @Transactional
    public boolean insert(StacUploadRow upload) {
        boolean inserted = entityManager.createNativeQuery("""
                        insert into upload (id, kind, s3_upload_id, object_key, original_name, owner, status, number_parts,
                            md5_parts, checksum, content_encoding, stac_collection, stac_item, stac_asset, created_at, updated_at,
                            urls_signed_at)
                        values (?1, 'stac', ?2, ?3, ?4, ?5, 'in-progress', ?6, cast(?7 as jsonb), ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?13)
                        on conflict (stac_collection, stac_item, stac_asset) where status = 'in-progress' and kind = 'stac'
                        do nothing
                        """)
                .setParameter(1, upload.id())
                .setParameter(2, upload.s3UploadId())
                .setParameter(3, upload.objectKey())
                .setParameter(4, upload.asset().asset())
                .setParameter(5, upload.owner())
                .setParameter(6, upload.numberParts())
                .setParameter(7, write(upload.md5Parts()))
                .setParameter(8, upload.checksum())
                .setParameter(9, upload.contentEncoding().orElse(null))
                .setParameter(10, upload.asset().collection())
                .setParameter(11, upload.asset().item())
                .setParameter(12, upload.asset().asset())
                .setParameter(13, upload.createdAt())
                .executeUpdate() == 1;
        if (inserted && !lockAsset(upload.asset())) {
            throw upload.asset().notFound();
        }
        return inserted;
    }

    /**
     * False when the asset is no longer in the catalog. For share, not key share: it then waits for
     * any write to the asset, and queues behind a removal waiting for that write too, which it then
     * finds done, rather than starting an upload that the removal ends right after.
     */
    private boolean lockAsset(AssetRef asset) {
        return !entityManager.createNativeQuery("""
                        select 1 from stac_asset where collection_id = ?1 and item_id = ?2 and id = ?3 for share""")
                .setParameter(1, asset.collection())
                .setParameter(2, asset.item())
                .setParameter(3, asset.asset())
                .getResultList()
                .isEmpty();
    }

    @Transactional
    public Optional<StacUploadRow> inProgress(AssetRef asset) {
        return rows("where kind = 'stac' and status = 'in-progress' and stac_collection = ?1 and stac_item = ?2 and stac_asset = ?3",
                List.of(asset.collection(), asset.item(), asset.asset()), 1).stream().findFirst();
    }

    /** The upload, when it is one of {@code asset}. */
    @Transactional
    public Optional<StacUploadRow> find(AssetRef asset, String id) {
        return rows("where kind = 'stac' and id = ?1 and stac_collection = ?2 and stac_item = ?3 and stac_asset = ?4",
                List.of(id, asset.collection(), asset.item(), asset.asset()), 1).stream().findFirst();
    }

    /** Uploads of an asset, newest first, after the upload {@code afterId} (the cursor), at most {@code limit}. */
    @Transactional
    public List<StacUploadRow> list(AssetRef asset, Optional<UploadStatus> status, Optional<String> afterId, int limit) {
        StringBuilder where = new StringBuilder(
                "where kind = 'stac' and stac_collection = ?1 and stac_item = ?2 and stac_asset = ?3");
        List<Object> parameters = new java.util.ArrayList<>(List.of(asset.collection(), asset.item(), asset.asset()));
        if (status.isPresent()) {
            parameters.add(status.get().value());
            where.append(" and status = ?").append(parameters.size());
        }
        if (afterId.isPresent()) {
            parameters.add(afterId.get());
            where.append(" and (created_at, id) < (select created_at, id from upload where id = ?")
                    .append(parameters.size()).append(')');
        }
        where.append(" order by created_at desc, id desc");
        return rows(where.toString(), parameters, limit);
    }

    /** Records that the upload's part URLs were signed at {@code when}, while it is in progress. */
    @Transactional
    public void urlsSigned(String id, Instant when) {
        entityManager.createNativeQuery("""
                        update upload set urls_signed_at = ?1
                        where id = ?2 and kind = 'stac' and status = 'in-progress'
                        """)
                .setParameter(1, when)
                .setParameter(2, id)
                .executeUpdate();
    }

    /** Marks an upload in progress aborted; false when it no longer is in progress. */
    @Transactional
    public boolean abort(String id) {
        Instant now = StorableDates.now();
        return entityManager.createNativeQuery("""
                        update upload set status = 'aborted', updated_at = ?1, ended_at = ?1
                        where id = ?2 and kind = 'stac' and status = 'in-progress'
                        """)
                .setParameter(1, now)
                .setParameter(2, id)
                .executeUpdate() == 1;
    }

    /**
     * In one transaction: the upload marked completed, the file QUEUED with its outbox event, and
     * the asset pointing at the file. Empty when the upload no longer is in progress (aborted meanwhile).
     */
    @Transactional
    public Optional<FileRecord> complete(StacUploadRow upload, NewFile file) {
        Instant now = StorableDates.now();
        int claimed = entityManager.createNativeQuery("""
                        update upload set status = 'completed', updated_at = ?1, ended_at = ?1
                        where id = ?2 and kind = 'stac' and status = 'in-progress'
                        """)
                .setParameter(1, now)
                .setParameter(2, upload.id())
                .executeUpdate();
        if (claimed != 1) {
            return Optional.empty();
        }
        FileRecord record = files.register(file, Optional.of(upload.checksum()), Optional.of(upload.asset().target()));
        entityManager.createNativeQuery("update upload set file_id = ?1 where id = ?2")
                .setParameter(1, record.id)
                .setParameter(2, upload.id())
                .executeUpdate();
        AssetRef ref = upload.asset();
        // Locked before it is read, as a PUT of its metadata and the worker lock it: every column
        // is written back, so a copy read without the lock could undo what they wrote meanwhile.
        StacAsset asset = StacAsset.findById(new StacAssetId(ref.collection(), ref.item(), ref.asset()),
                LockModeType.PESSIMISTIC_WRITE);
        if (asset != null) {
            asset.checksum = upload.checksum();
            asset.fileId = record.id;
            asset.properties = withoutFindingsOfAnEarlierFile(asset.properties);
            asset.updatedAt = now;
        }
        return Optional.of(record);
    }

    /**
     * The asset's properties without what processing found of the file it held before: the new
     * file's size and state are its own, once the worker has processed it.
     */
    private static JsonNode withoutFindingsOfAnEarlierFile(JsonNode properties) {
        if (properties == null || !properties.isObject()) {
            return properties;
        }
        ObjectNode kept = ((ObjectNode) properties).deepCopy();
        kept.remove(StacAsset.PROCESSED);
        return kept;
    }

    private List<StacUploadRow> rows(String where, List<Object> parameters, int limit) {
        var query = entityManager.createNativeQuery("select " + COLUMNS + " from upload " + where);
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.setMaxResults(limit).getResultList();
        return rows.stream().map(this::row).toList();
    }

    private StacUploadRow row(Object[] row) {
        return new StacUploadRow((String) row[0], new AssetRef((String) row[1], (String) row[2], (String) row[3]),
                (String) row[4], (String) row[5], (String) row[6], UploadStatus.of((String) row[7]),
                ((Number) row[8]).intValue(), read((String) row[9]), (String) row[10],
                Optional.ofNullable((String) row[11]), instant(row[12]), instant(row[13]),
                Optional.ofNullable(row[14]).map(StacUploadStore::instant));
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }

    private String write(List<Md5Part> parts) {
        try {
            return json.writeValueAsString(parts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Md5Part> read(String parts) {
        try {
            return json.readValue(parts, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("md5_parts of an upload are not readable", e);
        }
    }
}
