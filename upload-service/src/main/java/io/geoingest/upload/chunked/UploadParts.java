package io.geoingest.upload.chunked;

import java.util.List;

/** What an upload holds so far, so that a client can resume it: the parts to send again are the missing ones. */
public record UploadParts(String uploadId, String key, UploadStatus status, List<Part> parts) {

    public record Part(int partNumber, long size) {
    }

    public static UploadParts of(UploadRecord upload, List<StoredPart> parts) {
        return new UploadParts(upload.id, upload.objectKey, upload.status,
                parts.stream().map(part -> new Part(part.partNumber(), part.size())).toList());
    }
}
