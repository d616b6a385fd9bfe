package io.geoingest.status.metrics;

import io.geoingest.common.file.FileStatus;
import io.geoingest.common.metrics.DatabaseCounts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * {@code geoingest_files{status}}: how many files are in each status, for the whole suite (one
 * grouped count, read at most every 5 seconds). A QUEUED count that keeps growing means the workers
 * do not keep up, or are down.
 */
@ApplicationScoped
public class FileMetrics implements MeterBinder {

    @Inject
    DataSource dataSource;

    private DatabaseCounts files;

    @Override
    public void bindTo(MeterRegistry registry) {
        files = new DatabaseCounts(dataSource, "select status, count(*) from file group by status", Duration.ofSeconds(5));
        for (FileStatus status : FileStatus.values()) {
            Gauge.builder("geoingest.files", files, counts -> counts.count(status.name()))
                    .description("Files by status")
                    .tag("status", status.name())
                    .register(registry);
        }
    }
}
