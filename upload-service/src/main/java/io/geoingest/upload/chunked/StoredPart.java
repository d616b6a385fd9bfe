package io.geoingest.upload.chunked;

/**
 * A chunk that was received: either a part of the S3 multipart upload ({@code staged} false) or,
 * when smaller than S3 accepts for a part, an object of its own at
 * {@link io.geoingest.common.storage.ObjectKeys#stagedChunk}.
 */
public record StoredPart(int partNumber, long size, String eTag, boolean staged) {
}
