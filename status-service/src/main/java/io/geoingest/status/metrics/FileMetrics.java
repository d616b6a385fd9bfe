package io.geoingest.status.metrics;

import io.geoingest.common.file.FileStatus;
import io.geoingest.common.metrics.DatabaseCounts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * {@code geoingest_files{status}}: how many files are in each status, for the whole suite. QUEUED
 * and IN_PROGRESS are counted every few seconds (a QUEUED count that keeps growing means the workers
 * do not keep up, or are down); COMPLETED and FAILED, whose count means reading every settled file,
 * every few minutes (FileMetricsConfig).
 */
@ApplicationScoped
public class FileMetrics implements MeterBinder {

    @Inject
    DataSource dataSource;

    @Inject
    FileMetricsConfig config;

    private DatabaseCounts active;
    private DatabaseCounts settled;

    @Override
    public void bindTo(MeterRegistry registry) {
        active = new DatabaseCounts(dataSource, countQuery(false), config.activeInterval());
        settled = new DatabaseCounts(dataSource, countQuery(true), config.settledInterval());
        for (FileStatus status : FileStatus.values()) {
            Gauge.builder("geoingest.files", status.isTerminal() ? settled : active, counts -> counts.count(status.name()))
                    .description("Files by status")
                    .tag("status", status.name())
                    .register(registry);
        }
    }

    /** The non-terminal statuses are the condition of the partial index file_claimable_idx: only it is read. */
    private static String countQuery(boolean terminal) {
        String statuses = Arrays.stream(FileStatus.values())
                .filter(status -> status.isTerminal() == terminal)
                .map(status -> "'" + status.name() + "'")
                .collect(Collectors.joining(", "));
        return "select status, count(*) from file where status in (" + statuses + ") group by status";
    }
}
