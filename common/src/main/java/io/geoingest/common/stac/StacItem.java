package io.geoingest.common.stac;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.common.auth.Caller;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A STAC item (table {@code stac_item}). The bounding box is kept in four indexed columns next to
 * the GeoJSON geometry, so search by bbox is an index query in PostgreSQL.
 */
@Entity
@Table(name = "stac_item")
@IdClass(StacItemId.class)
public class StacItem extends PanacheEntityBase {

    @Id
    @Column(name = "collection_id")
    public String collectionId;

    @Id
    public String id;

    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode geometry;

    @Column(name = "bbox_min_x")
    public Double bboxMinX;

    @Column(name = "bbox_min_y")
    public Double bboxMinY;

    @Column(name = "bbox_max_x")
    public Double bboxMaxX;

    @Column(name = "bbox_max_y")
    public Double bboxMaxY;

    public Instant datetime;

    @Column(name = "start_datetime")
    public Instant startDatetime;

    @Column(name = "end_datetime")
    public Instant endDatetime;

    /** The item's {@code properties} besides the datetimes. */
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

    /**
     * The owner of the file uploaded through the file API that the worker made this item of: only
     * they and files_admin read it. Null for a shared item. Set when the item is made, never cleared.
     */
    @Column(name = "private_owner")
    public String privateOwner;

    /**
     * The caller may not read it: to them it is not there, for writes as for reads, since any other
     * answer would tell that the private file it was made of exists.
     */
    public boolean hiddenFrom(Caller caller) {
        return privateOwner != null && !caller.maySee(privateOwner);
    }
}
