package io.geoingest.upload.chunked;

/** The answer to {@code generateUploadId}: the id and key every later call of the upload sends back. */
public record UploadStarted(String uploadId, String key) {
}
