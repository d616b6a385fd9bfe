package io.geoingest.worker.claim;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.common.event.StacTarget;
import io.geoingest.common.file.SourceType;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A worker's hold on one file, with what the processing needs to know about it. {@code attempt} is
 * the file's attempt counter after this claim: every later write is conditional on it, so a worker
 * whose lease passed and whose file was claimed again cannot overwrite the newer claim's work.
 *
 * @param claimsCutShort  earlier claims of the file that ended with neither a status nor a release:
 *                        their worker was killed, or ran out of memory, on this file
 * @param givenGeometry   the GeoJSON geometry given at upload, which wins over the file's own
 * @param acquisitionDate the acquisition date given at upload, which wins over the file's own
 * @param stac            the STAC asset the file was uploaded to, if it came through the STAC API
 * @param owner           who uploaded the file: its item in the catalog is as private as the file
 */
public record Claim(
        UUID fileId,
        int attempt,
        int claimsCutShort,
        String objectKey,
        String originalName,
        long declaredSize,
        SourceType sourceType,
        Optional<String> expectedChecksum,
        Instant createdAt,
        Optional<JsonNode> givenGeometry,
        Optional<Instant> acquisitionDate,
        Optional<StacTarget> stac,
        String owner) {
}
