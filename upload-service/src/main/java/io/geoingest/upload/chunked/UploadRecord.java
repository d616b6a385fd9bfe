package io.geoingest.upload.chunked;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A chunked upload: a row of table {@code upload} of kind {@value #KIND} (the STAC columns stay empty). */
@Entity
@Table(name = "upload")
public class UploadRecord extends PanacheEntityBase {
    public static final String KIND = "chunked";

    @Id
    public String id;

    @Column(nullable = false)
    public String kind;

    /** The S3 multipart upload that chunks of 5 MiB or more go into. */
    @Column(name = "s3_upload_id", nullable = false)
    public String s3UploadId;

    /** The multipart upload its completion writes the file anew into, once it has started one (UploadAssembler). */
    @Column(name = "rebuild_s3_upload_id")
    public String rebuildS3UploadId;

    /** Where the assembled file is stored; the client sends it back as {@code key}. */
    @Column(name = "object_key", nullable = false)
    public String objectKey;

    @Column(name = "original_name", nullable = false)
    public String originalName;

    @Column(nullable = false)
    public String owner;

    @Convert(converter = UploadStatus.Column.class)
    @Column(nullable = false)
    public UploadStatus status;

    @Column(name = "file_id")
    public UUID fileId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The last change: creation, a chunk, a status change. Abandoned uploads are found by it. */
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "ended_at")
    public Instant endedAt;
}
