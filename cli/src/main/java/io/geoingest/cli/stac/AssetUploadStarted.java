package io.geoingest.cli.stac;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** An asset upload as the API shows it: where to PUT each part, while it is in progress. */
public record AssetUploadStarted(@JsonProperty("upload_id") String uploadId, String status, List<PartUrl> urls) {

    /** Where to PUT one part, and until when storage takes it ({@code expires}, ISO-8601, when the server says). */
    public record PartUrl(String url, int part, String expires) {

        Optional<Instant> expiry() {
            try {
                return Optional.ofNullable(expires).map(Instant::parse);
            } catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }

    public AssetUploadStarted {
        urls = urls == null ? List.of() : List.copyOf(urls);
    }
}
