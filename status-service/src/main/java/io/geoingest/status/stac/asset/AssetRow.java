package io.geoingest.status.stac.asset;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.file.FileStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** An asset as stored in {@code stac_asset}, with the state of its uploaded file when it has one. */
public record AssetRow(
        String collectionId,
        String itemId,
        String id,
        Optional<String> href,
        Optional<String> type,
        Optional<String> title,
        List<String> roles,
        Optional<String> checksum,
        Optional<UploadedFile> file,
        ObjectNode properties,
        Instant createdAt,
        Instant updatedAt) {

    /** The asset's file as the upload and the worker left it (table {@code file}). */
    public record UploadedFile(UUID id, FileStatus status, Optional<String> failureReason, Optional<String> checksum,
            Optional<String> contentType) {
    }
}
