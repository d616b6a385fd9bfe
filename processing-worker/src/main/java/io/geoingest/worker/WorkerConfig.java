package io.geoingest.worker;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "geoingest.worker")
public interface WorkerConfig {

    /**
     * How long a claim on a file lasts. The worker renews it every third of this while it works on
     * the file; a worker that dies stops renewing, and once the lease has passed another worker may
     * claim the file again.
     */
    @WithDefault("5m")
    Duration lease();

    /**
     * How many times a file's processing may be cut short (its worker killed or out of memory on it)
     * before the file is FAILED instead of taken up again, so that a file that brings workers down
     * cannot keep doing so. A file a stopping worker gave back in good order does not count. A file
     * cut short before is processed with no other file, nor a format reader given up on, beside it, so
     * all but the first of these are its own, but for a lease lost while its worker lived (the
     * database out of reach, or the worker paused, for the whole lease): that counts as cut short too.
     */
    @WithDefault("5")
    int maxClaims();

    /** Retries of transient faults (storage or database unavailable) while a file is processed. */
    Retry retry();

    /** Finds files whose worker died or whose event was lost, and processes them. */
    Sweep sweep();

    /**
     * Formats that need random access (TIFF, HDF5...) are copied to a temporary file during the
     * pass; larger files are verified but their content is not read.
     */
    @WithDefault("4G")
    MemorySize spoolLimit();

    /** Where those temporary copies go; the system's temporary directory by default. */
    Optional<Path> spoolDirectory();

    /**
     * How long reading one file's format from its copy (header, metadata, the pixel check) may
     * take. A reader still at it then is interrupted and the file FAILED: some damaged files send
     * a parser into an endless loop. The time it waits for other files' decoding does not count.
     */
    @WithDefault("10m")
    Duration readTimeout();

    /**
     * On shutdown, how long files in progress may take to finish; those still running then are
     * released (back to QUEUED) for another worker.
     */
    @WithDefault("10s")
    Duration shutdownGrace();

    interface Retry {

        /** How many times a step is tried in all before the file is marked FAILED and its event dead-lettered. */
        @WithDefault("8")
        int maxAttempts();

        /** The pause after the first failure; it doubles after each further one. */
        @WithDefault("500ms")
        Duration initialBackoff();

        /** The longest pause between two tries. */
        @WithDefault("10s")
        Duration maxBackoff();
    }

    interface Sweep {

        /** How often the sweeper looks for files to take over (also set as geoingest.worker.sweep.interval). */
        @WithDefault("30s")
        Duration interval();

        /** A file still QUEUED this long after its last change has probably lost its event. */
        @WithDefault("10m")
        Duration queuedAfter();

        /** How many files one sweep takes over at most. */
        @WithDefault("50")
        int batchSize();
    }
}
