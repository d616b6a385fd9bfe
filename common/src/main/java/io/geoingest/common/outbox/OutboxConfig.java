package io.geoingest.common.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "geoingest.outbox")
public interface OutboxConfig {

    /** Whether this service publishes the outbox; services that never write events turn it off. */
    @WithDefault("true")
    boolean relayEnabled();

    /** How many events one relay round publishes at most. */
    @WithDefault("500")
    int batchSize();

    /** How long the relay waits between rounds when nobody wakes it (a commit in this service does). */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * How long a round may wait for Kafka to acknowledge before it gives up and tries again later;
     * what Kafka has not answered by then is dropped, never sent behind the next round's copies.
     */
    @WithDefault("45s")
    Duration publishTimeout();

    /** Kafka producer settings of the relay, over the {@code kafka.*} ones every client shares. */
    Map<String, String> producer();

    /** Sent events are kept this long (for inspection), then deleted. */
    @WithDefault("24h")
    Duration retention();
}
