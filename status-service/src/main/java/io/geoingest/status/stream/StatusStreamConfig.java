package io.geoingest.status.stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "geoingest.status-stream")
public interface StatusStreamConfig {

    /**
     * How often an open stream re-reads its file's status from the database. That catches a
     * change whose event this instance never received (while it was still joining Kafka, say), so
     * a stream still ends; and when nothing changed, the comment it sends keeps idle connections
     * open through proxies.
     */
    @WithDefault("15s")
    Duration recheckInterval();
}
