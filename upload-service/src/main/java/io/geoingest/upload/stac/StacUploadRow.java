package io.geoingest.upload.stac;

import io.geoingest.upload.chunked.UploadStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A row of table {@code upload} of kind 'stac'. */
public record StacUploadRow(
        String id,
        AssetRef asset,
        String s3UploadId,
        String objectKey,
        String owner,
        UploadStatus status,
        int numberParts,
        List<Md5Part> md5Parts,
        String checksum,
        Optional<String> contentEncoding,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> endedAt) {
}
