package io.geoingest.upload.stac;

import io.geoingest.common.event.StacTarget;

/** The asset an upload goes to, as named in the path. */
public record AssetRef(String collection, String item, String asset) {
    public StacTarget target() {
        return new StacTarget(collection, item, asset);
    }
}
