package io.geoingest.cli.stac;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** An asset upload as the API answers its creation: where to PUT each part. */
public record AssetUploadStarted(@JsonProperty("upload_id") String uploadId, String status, List<PartUrl> urls) {

    public record PartUrl(String url, int part) {
    }

    public AssetUploadStarted {
        urls = urls == null ? List.of() : List.copyOf(urls);
    }
}
