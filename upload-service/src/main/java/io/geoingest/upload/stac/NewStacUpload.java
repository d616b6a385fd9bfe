package io.geoingest.upload.stac;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of {@code POST .../uploads}. Fields are nullable here so that a missing one gets a 400 naming it. */
public record NewStacUpload(
        @JsonProperty("number_parts") Integer numberParts,
        @JsonProperty("md5_parts") List<Md5Part> md5Parts,
        @JsonProperty("file:checksum") String checksum,
        @JsonProperty("content_encoding") String contentEncoding) {
}
