package io.geoingest.upload.stac;

import java.time.Instant;

/** Where the client PUTs one part, until {@code expires}. */
public record PartUrl(String url, int part, Instant expires) {
}
