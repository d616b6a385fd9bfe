package io.geoingest.common.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.common.file.FileStatus;
import java.time.Instant;
import java.util.UUID;

/** Published on {@code file-status} for every status change. Keyed by file id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileStatusChanged(UUID fileId, FileStatus status, String reason, JsonNode metadata, Instant at) {
}
