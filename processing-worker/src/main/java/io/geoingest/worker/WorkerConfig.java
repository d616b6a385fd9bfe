package io.geoingest.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "geoingest.worker")
public interface WorkerConfig {

    /**
     * How long a claim on a file lasts. The worker renews it while it reads the file; a worker that
     * dies stops renewing, and once the lease has passed another worker may claim the file again.
     */
    @WithDefault("5m")
    Duration lease();

    /** Retries of transient faults (storage or database unavailable) while a file is processed. */
    Retry retry();

    interface Retry {

        /** How many times a step is tried in all before the file is marked FAILED. */
        @WithDefault("4")
        int maxAttempts();

        /** The pause after the first failure; it doubles after each further one. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** The longest pause between two tries. */
        @WithDefault("8s")
        Duration maxBackoff();
    }
}
