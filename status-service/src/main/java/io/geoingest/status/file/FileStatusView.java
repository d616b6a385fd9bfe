package io.geoingest.status.file;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import io.geoingest.common.file.SourceType;
import java.util.UUID;

/**
 * The answer of {@code GET /public/file/status/{id}}: the spec's {@code id}, {@code originalName},
 * {@code status} and {@code createdAt} (epoch millis), plus what else a client can use. Null
 * fields are left out; {@code error} is there only for a FAILED file.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileStatusView(
        UUID id,
        String originalName,
        FileStatus status,
        long createdAt,
        long updatedAt,
        long size,
        SourceType sourceType,
        String contentType,
        String checksum,
        String error,
        JsonNode metadata) {

    public static FileStatusView of(FileRecord file) {
        return new FileStatusView(
                file.id,
                file.originalName,
                file.status,
                file.createdAt.toEpochMilli(),
                file.updatedAt.toEpochMilli(),
                file.size,
                file.sourceType,
                file.contentType,
                file.checksum,
                file.status == FileStatus.FAILED ? file.failureReason : null,
                file.metadata == null || file.metadata.isNull() ? null : file.metadata);
    }
}
