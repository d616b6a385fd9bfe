package io.geoingest.worker.metrics;

import io.geoingest.common.file.SourceType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The worker's own metrics: {@code geoingest_processing_seconds} (from the claim to the stored
 * status, by source type and outcome) and {@code geoingest_dlq_events_total} (events this worker sent
 * to the dead-letter topic, by cause).
 */
@ApplicationScoped
public class WorkerMetrics {

    /** Why an event went to the dead-letter topic. */
    public enum DeadLetterCause {
        /** The record is no file-uploaded event. */
        INVALID_EVENT,
        /** Processing gave up on a transient fault (storage or database unreachable). */
        GAVE_UP;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How processing a file ended, as the timer's outcome tag. */
    public enum ProcessingOutcome {
        COMPLETED,
        FAILED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Duration[] PROCESSING_BUCKETS = Stream.of(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
            120.0, 300.0, 600.0, 1800.0).map(seconds -> Duration.ofMillis((long) (seconds * 1000))).toArray(Duration[]::new);

    @Inject
    MeterRegistry registry;

    /**
     * With a histogram, so that percentiles of processing time can be taken across workers and
     * source types ({@code histogram_quantile} over {@code geoingest_processing_seconds_bucket}).
     * Its buckets are ours: Micrometer's own end at 30 s, where a file of gigabytes takes minutes,
     * and are some 70 per source type and outcome.
     */
    public void processed(SourceType sourceType, ProcessingOutcome outcome, Duration took) {
        Timer.builder("geoingest.processing")
                .description("Time from claiming a file to storing its status")
                .serviceLevelObjectives(PROCESSING_BUCKETS)
                .tag("source_type", sourceType.name())
                .tag("outcome", outcome.tag())
                .register(registry)
                .record(took);
    }

    /**
     * Each cause's count is there from the start, at 0: a series that appears with its first dead
     * letter is one that rate() and increase() alerts do not see rise.
     */
    void countFromTheStart(@Observes StartupEvent start) {
        for (DeadLetterCause cause : DeadLetterCause.values()) {
            deadLetters(cause);
        }
    }

    public void deadLettered(DeadLetterCause cause) {
        deadLetters(cause).increment();
    }

    private Counter deadLetters(DeadLetterCause cause) {
        return Counter.builder("geoingest.dlq.events")
                .description("file-uploaded events sent to the dead-letter topic")
                .tag("cause", cause.tag())
                .register(registry);
    }
}
