package io.geoingest.status.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How often the file counts behind {@code geoingest_files} are read from the database. */
@ConfigMapping(prefix = "geoingest.metrics.files")
public interface FileMetricsConfig {

    /** QUEUED and IN_PROGRESS files: a count over a partial index, cheap however large the table. */
    @WithDefault("5s")
    Duration activeInterval();

    /**
     * COMPLETED and FAILED files: a count over every settled file, which grows with the catalog, so it
     * is read rarely; these counts only ever grow, and the worker's processed-files counters follow
     * them live.
     */
    @WithDefault("5m")
    Duration settledInterval();
}
