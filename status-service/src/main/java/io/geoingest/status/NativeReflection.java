package io.geoingest.status;

import io.geoingest.status.download.DownloadUrlResource;
import io.geoingest.status.file.FileStatusResource;
import io.geoingest.status.stac.Link;
import io.geoingest.status.stac.asset.AssetResource;
import io.geoingest.status.stac.collection.CollectionResource;
import io.geoingest.status.stac.filter.CollectionQueryablesResource;
import io.geoingest.status.stac.filter.QueryablesResource;
import io.geoingest.status.stac.item.ItemResource;
import io.geoingest.status.stac.landing.LandingResource;
import io.geoingest.status.stac.search.SearchResource;
import io.geoingest.status.stream.StatusEvent;
import io.geoingest.status.stream.StatusEventsResource;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Classes reached by reflection that a native build cannot see on its own: links turned into JSON
 * trees of STAC documents, the status events written into Server-Sent Events (both by Jackson),
 * and every resource, whose JAX-RS annotations tell which methods each path takes (answering 405
 * for the others).
 */
@RegisterForReflection(targets = {Link.class, StatusEvent.class, FileStatusResource.class, StatusEventsResource.class,
        DownloadUrlResource.class, LandingResource.class, CollectionResource.class, ItemResource.class,
        AssetResource.class, SearchResource.class, QueryablesResource.class, CollectionQueryablesResource.class})
public final class NativeReflection {
    private NativeReflection() {
    }
}
