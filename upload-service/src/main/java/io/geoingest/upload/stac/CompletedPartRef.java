package io.geoingest.upload.stac;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A part as the client stored it: the ETag storage answered its PUT with. */
public record CompletedPartRef(String etag, @JsonProperty("part_number") Integer partNumber) {
}
