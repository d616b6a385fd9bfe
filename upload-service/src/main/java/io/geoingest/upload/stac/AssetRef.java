package io.geoingest.upload.stac;

import io.geoingest.common.error.StacProblem;
import io.geoingest.common.event.StacTarget;

/** The asset an upload goes to, as named in the path. */
public record AssetRef(String collection, String item, String asset) {
    public StacTarget target() {
        return new StacTarget(collection, item, asset);
    }

    /** The answer to a request for the asset when the catalog does not hold it. */
    public StacProblem notFound() {
        return StacProblem.notFound("Asset " + asset + " not found in item " + item);
    }
}
