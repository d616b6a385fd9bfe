package io.geoingest.upload.chunked;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code completeUpload} as sent. Fields are read as JSON so that a wrong value gets
 * a message naming the field ({@link Completion#of}) rather than a generic parse error.
 */
public record CompleteUploadRequest(
        JsonNode uploadId,
        JsonNode key,
        JsonNode fileSize,
        JsonNode sourceType,
        JsonNode vectorMappingProperties,
        JsonNode layerProperties,
        JsonNode geometry,
        JsonNode acquisitionDate) {
}
