package io.geoingest.upload.files;

import io.geoingest.common.file.FileRecord;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What both upload types answer once a file is stored and queued (the spec's success response). */
public record UploadedFile(UUID fileId, String originalName,
        @Schema(format = "date-time", description = "When the file was recorded (UTC)") String createdAt, long size) {

    /** {@code size} is passed apart: a direct upload answers the bytes it received, not the size declared. */
    public static UploadedFile of(FileRecord file, long size) {
        return new UploadedFile(file.id, file.originalName, DateTimeFormatter.ISO_INSTANT.format(file.createdAt), size);
    }
}
