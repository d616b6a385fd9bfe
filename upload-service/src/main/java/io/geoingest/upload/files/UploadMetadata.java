package io.geoingest.upload.files;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/** What a client may tell about a file beyond its bytes (the chunked upload's optional fields). */
public record UploadMetadata(
        Optional<JsonNode> geometry,
        Optional<Instant> acquisitionDate,
        Optional<JsonNode> layerProperties,
        Optional<JsonNode> vectorMappingProperties) {

    public static UploadMetadata none() {
        return new UploadMetadata(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
