package io.geoingest.common.stac;

import java.io.Serializable;

/** The key of an asset: collection, item and the asset's id within the item. */
public record StacAssetId(String collectionId, String itemId, String id) implements Serializable {
}
