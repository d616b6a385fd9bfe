package io.geoingest.common.stac;

import java.io.Serializable;

/** The key of an item: its collection and its id within it. */
public record StacItemId(String collectionId, String id) implements Serializable {
}
