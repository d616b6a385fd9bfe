package io.geoingest.status.stac.item;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "geoingest.search")
public interface SearchConfig {

    /**
     * How long the database may take over one query of a page of items before it is stopped: a
     * filter that few items match, over a large catalog, may otherwise hold a connection for as
     * long as reading the whole catalog takes.
     */
    @WithDefault("30s")
    Duration timeout();
}
