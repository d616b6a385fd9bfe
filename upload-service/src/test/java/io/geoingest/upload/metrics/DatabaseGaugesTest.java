package io.geoingest.upload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.testing.LogCapture;
import io.geoingest.testing.TestInfrastructure;
import io.geoingest.upload.FileRows;
import io.geoingest.upload.Metrics;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

/** The gauges read from the database, as a Prometheus scrape sees them when the database is slow or down. */
@QuarkusTest
class DatabaseGaugesTest {
    private static final String IN_PROGRESS = "geoingest_uploads_in_progress";
    private static final String BACKLOG = "geoingest_outbox_backlog";

    @Test
    void anUploadBeingCompletedIsStillInProgress() throws InterruptedException {
        double before = readable(IN_PROGRESS, "kind=\"chunked\"");
        String id = "completing-" + UUID.randomUUID();
        FileRows.execute("insert into upload (id, kind, s3_upload_id, object_key, original_name, owner, status,"
                + " created_at, updated_at) values (?, 'chunked', 's3-id', 'key', 'big.tif', 'gauges', 'completing',"
                + " now(), now())", id);
        try {
            awaitGauge(IN_PROGRESS + "{kind=\"chunked\"} to count the completing upload", Duration.ofSeconds(15),
                    value -> value == before + 1, IN_PROGRESS, "kind=\"chunked\"");
        } finally {
            FileRows.execute("update upload set status = 'aborted' where id = ?", id);
        }
    }

    @Test
    void aScrapeIsAnsweredWhileTheCountedTableIsLocked() throws Exception {
        try (Connection locker = TestInfrastructure.get().connect(); Statement lock = locker.createStatement()) {
            locker.setAutoCommit(false);
            lock.execute("lock table upload, outbox in access exclusive mode");
            // past the 5 s the last counts are reused, so that the scrape queries the locked tables
            Thread.sleep(5_500);
            CompletableFuture<Double> scrape = CompletableFuture.supplyAsync(() -> Metrics.sum(IN_PROGRESS));
            try {
                scrape.get(10, TimeUnit.SECONDS);
            } finally {
                locker.rollback();
            }
        }
    }

    @Test
    void gaugesReportNaNOnceTheDatabaseIsDownForLongAndWarnOnce() throws InterruptedException {
        readable(BACKLOG);
        readable(IN_PROGRESS);
        TestInfrastructure infrastructure = TestInfrastructure.get();
        try (LogCapture logs = LogCapture.start()) {
            infrastructure.stopPostgres(false);
            try {
                awaitGauge(BACKLOG + " to be NaN", Duration.ofSeconds(40), Double::isNaN, BACKLOG);
                assertTrue(Double.isNaN(Metrics.sum(IN_PROGRESS, "kind=\"stac\"")), "no upload count nobody read");
            } finally {
                infrastructure.startPostgres();
            }
            awaitGauge(BACKLOG + " to be read again", Duration.ofSeconds(40), value -> !Double.isNaN(value), BACKLOG);
            long warnings = logs.lines().stream().filter(line -> line.message().startsWith("Gauge query failed")).count();
            // one per query (the backlog, the uploads), not one per scrape
            assertEquals(2, warnings, () -> "warned once per gauge query: " + logs.lines());
        }
    }

    /** The gauge's value once both gauge queries were answered since the last 5 s their counts are kept. */
    private static double readable(String name, String... labels) throws InterruptedException {
        Thread.sleep(5_500);
        awaitGauge(name + " to be read", Duration.ofSeconds(20), value -> !Double.isNaN(value), name, labels);
        return Metrics.sum(name, labels);
    }

    private static void awaitGauge(String what, Duration timeout, DoublePredicate until, String name, String... labels) {
        long deadline = System.nanoTime() + timeout.toNanos();
        double value = Metrics.sum(name, labels);
        while (!until.test(value)) {
            assertTrue(System.nanoTime() < deadline, () -> "waited for " + what + ", still " + Metrics.sum(name, labels));
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            value = Metrics.sum(name, labels);
        }
    }
}
