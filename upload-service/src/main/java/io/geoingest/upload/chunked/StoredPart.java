package io.geoingest.upload.chunked;

import java.util.Optional;

/**
 * A chunk that was received: either a part of the S3 multipart upload, or, when smaller than S3
 * accepts for a part, an object of its own at {@code stagedKey}
 * ({@link io.geoingest.common.storage.ObjectKeys#stagedChunk}).
 */
public record StoredPart(int partNumber, long size, String eTag, Optional<String> stagedKey) {

    public boolean staged() {
        return stagedKey.isPresent();
    }
}
