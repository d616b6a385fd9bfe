package io.geoingest.common.stac;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A STAC asset (table {@code stac_asset}); once a file is uploaded to it, {@code fileId} names it. */
@Entity
@Table(name = "stac_asset")
@IdClass(StacAssetId.class)
public class StacAsset extends PanacheEntityBase {
    /** The size the worker measured of the asset's file, in {@link #properties}. */
    public static final String SIZE = "file:size";
    /** The processing status of the asset's file, which the worker records in {@link #properties}. */
    public static final String STATUS = "geoingest:status";
    /** Why processing of the asset's file failed, which the worker records in {@link #properties}. */
    public static final String REASON = "geoingest:reason";
    /**
     * What the worker records about the asset's file: a new upload's completion clears it, a
     * client's rewrite of the asset's metadata keeps it.
     */
    public static final List<String> PROCESSED = List.of(SIZE, STATUS, REASON);


    @Id
    @Column(name = "collection_id")
    public String collectionId;

    @Id
    @Column(name = "item_id")
    public String itemId;

    @Id
    public String id;

    public String href;

    public String type;

    public String title;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] roles;

    /** The {@code file:checksum} (sha2-256 multihash, hex) of the uploaded file. */
    public String checksum;

    @Column(name = "file_id")
    public UUID fileId;

    /** Every other field of the asset document. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public JsonNode properties;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
