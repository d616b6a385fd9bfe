package io.geoingest.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The STAC API's error body: {@code {"code": 400, "description": "...", "upload_id": "..."}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StacError(int code, String description, @JsonProperty("upload_id") String uploadId) {

    public StacError(int code, String description) {
        this(code, description, null);
    }
}
