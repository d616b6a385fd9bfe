package io.geoingest.common.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.common.event.StacTarget;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored file and where it is in its lifecycle (table {@code file}). */
@Entity
@Table(name = "file")
public class FileRecord extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "original_name", nullable = false)
    public String originalName;

    @Column(name = "object_key", nullable = false)
    public String objectKey;

    @Column(nullable = false)
    public long size;

    @Column(name = "content_type")
    public String contentType;

    @Enumerated(EnumType.STRING)
    @Column(name = "source_type", nullable = false)
    public SourceType sourceType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public FileStatus status;

    @Column(name = "failure_reason")
    public String failureReason;

    /** The sha2-256 multihash (hex) of the stored bytes, once the worker computed it. */
    public String checksum;

    /** The sha2-256 multihash (hex) the uploader declared, when it did. */
    @Column(name = "expected_checksum")
    public String expectedChecksum;

    @Column(nullable = false)
    public String owner;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** How many times a worker claimed the file. */
    @Column(nullable = false)
    public int attempts;

    /** How many of those claims a stopping worker gave back before it finished the file. */
    @Column(nullable = false)
    public int releases;

    /** Until when the worker that claimed the file owns it; after that another may claim it. */
    @Column(name = "lease_until")
    public Instant leaseUntil;

    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode metadata;

    /** GeoJSON geometry given at upload. */
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode geometry;

    @Column(name = "acquisition_date")
    public Instant acquisitionDate;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "layer_properties")
    public JsonNode layerProperties;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "vector_mapping_properties")
    public JsonNode vectorMappingProperties;

    @Column(name = "stac_collection")
    public String stacCollection;

    @Column(name = "stac_item")
    public String stacItem;

    @Column(name = "stac_asset")
    public String stacAsset;

    /** The STAC asset the file was uploaded for, when it was. */
    public Optional<StacTarget> stacTarget() {
        if (stacCollection == null || stacItem == null || stacAsset == null) {
            return Optional.empty();
        }
        return Optional.of(new StacTarget(stacCollection, stacItem, stacAsset));
    }
}
