package io.geoingest.worker.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.common.file.SourceType;

/**
 * Everything written when a file is COMPLETED, in one transaction.
 *
 * @param sourceType the declared source type, or the inferred one for a file declared UNKNOWN
 * @param metadata   stored on the file and returned by the status endpoint
 * @param summary    the short version carried by the COMPLETED event
 * @param entry      the file's entry in the STAC catalog
 */
public record Completion(
        String checksum,
        String contentType,
        SourceType sourceType,
        JsonNode metadata,
        JsonNode summary,
        CatalogEntry entry) {
}
