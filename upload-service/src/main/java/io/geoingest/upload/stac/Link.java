package io.geoingest.upload.stac;

/** A STAC link, here only {@code next} for paging. */
public record Link(String rel, String href) {
}
