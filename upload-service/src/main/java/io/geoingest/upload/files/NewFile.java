package io.geoingest.upload.files;

import io.geoingest.common.file.SourceType;
import java.time.Instant;
import java.util.UUID;

/**
 * A file whose bytes are stored at {@code objectKey}, to be recorded as QUEUED. {@code size} is the
 * size the client declared; the processing worker checks it against the stored object.
 */
public record NewFile(
        UUID id,
        String originalName,
        String objectKey,
        long size,
        SourceType sourceType,
        String owner,
        Instant createdAt,
        UploadMetadata metadata) {
}
