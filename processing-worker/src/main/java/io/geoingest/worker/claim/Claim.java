package io.geoingest.worker.claim;

import io.geoingest.common.file.SourceType;
import java.util.Optional;
import java.util.UUID;

/**
 * A worker's hold on one file, with what the processing needs to know about it. {@code attempt} is
 * the file's attempt counter after this claim: every later write is conditional on it, so a worker
 * whose lease passed and whose file was claimed again cannot overwrite the newer claim's work.
 */
public record Claim(
        UUID fileId,
        int attempt,
        String objectKey,
        String originalName,
        long declaredSize,
        SourceType sourceType,
        Optional<String> expectedChecksum) {
}
