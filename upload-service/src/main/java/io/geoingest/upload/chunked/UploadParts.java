package io.geoingest.upload.chunked;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What an upload holds so far, so that a client can resume it: the parts to send again are the
 * missing ones. A completed upload names its file, for a client whose completion's answer was lost.
 */
public record UploadParts(String uploadId, String key, UploadStatus status, List<Part> parts,
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<UUID> fileId) {

    public record Part(int partNumber, long size) {
    }

    public static UploadParts of(UploadRecord upload, List<StoredPart> parts) {
        return new UploadParts(upload.id, upload.objectKey, upload.status,
                parts.stream().map(part -> new Part(part.partNumber(), part.size())).toList(),
                Optional.ofNullable(upload.fileId));
    }
}
