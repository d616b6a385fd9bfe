package io.geoingest.upload.stac;

import java.util.List;

/** The body of {@code POST .../uploads/{id}/complete}. */
public record CompleteStacUpload(List<CompletedPartRef> parts) {
}
