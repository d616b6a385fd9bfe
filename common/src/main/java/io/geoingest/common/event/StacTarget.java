package io.geoingest.common.event;

/** The STAC asset a file belongs to. */
public record StacTarget(String collection, String item, String asset) {
}
