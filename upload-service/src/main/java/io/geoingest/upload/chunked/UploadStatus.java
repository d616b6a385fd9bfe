package io.geoingest.upload.chunked;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;

/**
 * Where a chunked upload is. COMPLETING is held by the one request that is assembling the file,
 * so that a second completion, a new chunk or an abort meanwhile is refused instead of racing it.
 */
public enum UploadStatus {
    IN_PROGRESS("in-progress"),
    COMPLETING("completing"),
    COMPLETED("completed"),
    ABORTED("aborted");

    private final String value;

    UploadStatus(String value) {
        this.value = value;
    }

    /** The value stored in {@code upload.status} and shown to clients. */
    @JsonValue
    public String value() {
        return value;
    }

    public static UploadStatus of(String value) {
        return Arrays.stream(values()).filter(status -> status.value.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown upload status " + value));
    }

    @Converter
    public static class Column implements AttributeConverter<UploadStatus, String> {
        @Override
        public String convertToDatabaseColumn(UploadStatus status) {
            return status == null ? null : status.value;
        }

        @Override
        public UploadStatus convertToEntityAttribute(String value) {
            return value == null ? null : of(value);
        }
    }
}
