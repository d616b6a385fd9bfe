package io.geoingest.common.stac;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A STAC collection (table {@code stac_collection}). */
@Entity
@Table(name = "stac_collection")
public class StacCollection extends PanacheEntityBase {

    @Id
    public String id;

    public String title;

    @Column(nullable = false)
    public String description;

    @Column(nullable = false)
    public String license;

    /** The STAC {@code extent} object (spatial bbox and temporal interval). */
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode extent;

    /** Every other field of the collection document (keywords, providers, summaries...). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public JsonNode properties;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The owner who created it through the STAC API; null for what the worker made. */
    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
