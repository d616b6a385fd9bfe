package io.geoingest.upload.stac;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A part storage holds for an upload in progress. */
public record StoredPartView(@JsonProperty("part_number") int partNumber, long size, String etag, Instant modified) {
}
