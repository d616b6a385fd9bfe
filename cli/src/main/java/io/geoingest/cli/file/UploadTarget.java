package io.geoingest.cli.file;

/** A chunked upload on the server: the answer of {@code generateUploadId}. */
public record UploadTarget(String uploadId, String key) {
}
