package io.geoingest.common.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.SourceType;
import java.time.Instant;
import java.util.UUID;

/** Published on {@code file-uploaded} once a file is stored and QUEUED. Keyed by file id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileUploaded(
        UUID fileId,
        String bucket,
        String key,
        long size,
        SourceType sourceType,
        String expectedChecksum,
        String owner,
        StacTarget stac,
        Instant at) {

    /** The announcement of {@code file}, stored in {@code bucket}. */
    public static FileUploaded of(FileRecord file, String bucket) {
        return new FileUploaded(file.id, bucket, file.objectKey, file.size, file.sourceType, file.expectedChecksum,
                file.owner, file.stacTarget().orElse(null), file.createdAt);
    }
}
