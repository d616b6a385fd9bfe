package io.geoingest.upload.metrics;

import io.geoingest.common.logging.FileLogContext;
import io.geoingest.common.metrics.DatabaseCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The upload-service's own metrics: {@code geoingest_upload_files_total} and
 * {@code geoingest_upload_bytes_total} (files stored and recorded, and their bytes, by the path they
 * came in through) and {@code geoingest_uploads_in_progress} (by kind: chunked and STAC uploads
 * started and neither completed nor aborted, a completing one included, from one cheap count on a
 * partial index at most every 5 s; direct uploads whose request this instance is handling, which
 * leave no row until they are stored).
 * Each stored file is also logged, once, with its id.
 */
@ApplicationScoped
public class UploadMetrics implements MeterBinder {
    private static final Logger LOG = Logger.getLogger(UploadMetrics.class);
    private static final List<String> UPLOAD_KINDS = List.of("chunked", "stac");
    private static final String IN_PROGRESS = "geoingest.uploads.in_progress";
    private static final String IN_PROGRESS_DESCRIPTION = "Uploads started, not yet completed or aborted";

    /** How a file came in. */
    public enum UploadPath {
        DIRECT,
        CHUNKED,
        STAC;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Inject
    MeterRegistry registry;

    @Inject
    DataSource dataSource;

    private DatabaseCounts inProgress;
    private final AtomicInteger directInProgress = new AtomicInteger();

    /** A direct upload under way, counted until it is closed. */
    public interface InProgress extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        inProgress = new DatabaseCounts(dataSource,
                "select kind, count(*) from upload where status in ('in-progress', 'completing') group by kind", Duration.ofSeconds(5));
        for (String kind : UPLOAD_KINDS) {
            Gauge.builder(IN_PROGRESS, inProgress, counts -> counts.count(kind))
                    .description(IN_PROGRESS_DESCRIPTION)
                    .tag("kind", kind)
                    .register(meters);
        }
        Gauge.builder(IN_PROGRESS, directInProgress, AtomicInteger::get)
                .description(IN_PROGRESS_DESCRIPTION)
                .tag("kind", UploadPath.DIRECT.tag())
                .register(meters);
        for (UploadPath path : UploadPath.values()) {
            files(path);
            bytes(path);
        }
    }

    /**
     * Counts a direct upload from the start of its request until it is closed, however it ends
     * (stored, refused, its client gone). Counted here, in memory: a direct upload has no row until
     * its file is stored, and while it streams it holds this instance's memory and connections.
     */
    public InProgress directUploadStarted() {
        directInProgress.incrementAndGet();
        return directInProgress::decrementAndGet;
    }

    /**
     * A file is stored and recorded (its transaction committed): counted, and logged with its id in
     * the log context. Call once per file.
     */
    public void fileStored(UploadPath path, UUID fileId, long bytes) {
        files(path).increment();
        bytes(path).increment(bytes);
        try (FileLogContext file = FileLogContext.of(fileId)) {
            LOG.infof("File %s stored (%s upload, %d bytes) and queued for processing", fileId, path.tag(), bytes);
        }
    }

    private Counter files(UploadPath path) {
        return Counter.builder("geoingest.upload.files")
                .description("Files stored and recorded, by upload path")
                .tag("path", path.tag())
                .register(registry);
    }

    private Counter bytes(UploadPath path) {
        return Counter.builder("geoingest.upload.bytes")
                .description("Bytes of the files stored and recorded, by upload path")
                .baseUnit("bytes")
                .tag("path", path.tag())
                .register(registry);
    }
}
