package io.geoingest.cli.file;

/** The answer to a finished upload (Type 1 or completeUpload). */
public record UploadedFile(String fileId, String originalName, long size) {
}
