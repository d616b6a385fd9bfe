package io.geoingest.upload.stac;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.geoingest.upload.chunked.UploadStatus;
import java.time.Instant;
import java.util.List;

/** An asset upload as clients see it; fields without a value are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StacUploadView(
        @JsonProperty("upload_id") String uploadId,
        UploadStatus status,
        @JsonProperty("number_parts") int numberParts,
        @JsonProperty("md5_parts") List<Md5Part> md5Parts,
        List<PartUrl> urls,
        Instant created,
        Instant completed,
        Instant aborted,
        @JsonProperty("file:checksum") String checksum,
        @JsonProperty("content_encoding") String contentEncoding) {
}
