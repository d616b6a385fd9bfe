package io.geoingest.upload.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.metrics.DatabaseCounts;
import io.geoingest.testing.LogCapture;
import io.geoingest.testing.TestInfrastructure;
import io.geoingest.upload.FileRows;
import io.geoingest.upload.Metrics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The gauges read from the database, as a Prometheus scrape sees them when the database is slow or down. */
@QuarkusTest
class DatabaseGaugesTest {
    private static final String IN_PROGRESS = "geoingest_uploads_in_progress";
    private static final String BACKLOG = "geoingest_outbox_backlog";
    /** An advisory lock nothing else takes: while the test holds it, the probe gauge's query fails. */
    private static final long PROBE_LOCK = 7350013580L;

    @Inject
    DataSource dataSource;

    @Test
    void anUploadBeingCompletedIsStillInProgress() {
        String id = "completing-" + UUID.randomUUID();
        FileRows.execute("insert into upload (id, kind, s3_upload_id, object_key, original_name, owner, status,"
                + " created_at, updated_at) values (?, 'chunked', 's3-id', 'key', 'big.tif', 'gauges', 'completing',"
                + " now(), now())", id);
        try {
            long inProgress = FileRows.count("select count(*) from upload where kind = 'chunked'"
                    + " and status in ('in-progress', 'completing')");
            awaitGauge(IN_PROGRESS + "{kind=\"chunked\"} to count the completing upload", Duration.ofSeconds(30),
                    value -> value == inProgress, IN_PROGRESS, "kind=\"chunked\"");
        } finally {
            FileRows.execute("update upload set status = 'aborted' where id = ?", id);
        }
    }

    @Test
    void aScrapeIsAnsweredWhileTheCountedTableIsLocked() throws Exception {
        try (Connection locker = TestInfrastructure.get().connect(); Statement lock = locker.createStatement();
             Connection observer = TestInfrastructure.get().connect(); Statement locks = observer.createStatement()) {
            locker.setAutoCommit(false);
            lock.execute("lock table upload, outbox in access exclusive mode");
            try {
                // scrapes within 5 s of the last read reuse its counts: scrape until one queries the locked tables
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                boolean waitedOnTheLock = false;
                while (!waitedOnTheLock) {
                    assertTrue(System.nanoTime() < deadline, "no scrape queried the locked tables");
                    CompletableFuture<Double> scrape = CompletableFuture.supplyAsync(() -> Metrics.sum(IN_PROGRESS));
                    while (!scrape.isDone()) {
                        try (ResultSet waiting = locks.executeQuery("select count(*) from pg_locks where not granted"
                                + " and relation in ('upload'::regclass, 'outbox'::regclass)")) {
                            waiting.next();
                            waitedOnTheLock |= waiting.getLong(1) > 0;
                        }
                        Thread.sleep(100);
                    }
                    // two queries of 3 s timeout each; the rest is margin for a loaded machine
                    scrape.get(30, TimeUnit.SECONDS);
                }
            } finally {
                locker.rollback();
            }
        }
    }

    @Test
    void aGaugeKeepsItsLastCountThroughTwoFailedReadsAndIsNaNFromTheThird() throws Exception {
        // read at every call; fails (division by zero) while the test holds the lock
        DatabaseCounts counts = new DatabaseCounts(dataSource, "select 'probe', 7 / pg_try_advisory_xact_lock_shared("
                + PROBE_LOCK + ")::int::bigint", Duration.ZERO);
        assertEquals(7, counts.count("probe"));
        try (Connection locker = TestInfrastructure.get().connect(); Statement lock = locker.createStatement()) {
            lock.execute("select pg_advisory_lock(" + PROBE_LOCK + ")");
            assertEquals(7, counts.count("probe"), "the last count, after one failed read");
            assertEquals(7, counts.count("probe"), "the last count, after two failed reads");
            assertTrue(Double.isNaN(counts.count("probe")), "NaN from the third failed read in a row");
            assertTrue(Double.isNaN(counts.count("probe")), "NaN while reads fail");
            lock.execute("select pg_advisory_unlock(" + PROBE_LOCK + ")");
        }
        assertEquals(7, counts.count("probe"), "read again");
    }

    @Test
    void gaugesReportNaNOnceTheDatabaseIsDownForLongAndWarnOnce() {
        readable(BACKLOG);
        readable(IN_PROGRESS);
        TestInfrastructure infrastructure = TestInfrastructure.get();
        try (LogCapture logs = LogCapture.start()) {
            infrastructure.stopPostgres(false);
            try {
                // three failed reads, 5 s apart at least
                awaitGauge(BACKLOG + " to be NaN", Duration.ofSeconds(90), Double::isNaN, BACKLOG);
                // its own query, whose failed reads are counted apart
                awaitGauge(IN_PROGRESS + " to be NaN", Duration.ofSeconds(90), Double::isNaN, IN_PROGRESS, "kind=\"stac\"");
            } finally {
                infrastructure.startPostgres();
            }
            awaitGauge(BACKLOG + " to be read again", Duration.ofSeconds(90), value -> !Double.isNaN(value), BACKLOG);
            long warnings = logs.lines().stream().filter(line -> line.message().startsWith("Gauge query failed")).count();
            // One per query (the backlog, the uploads), not one per scrape. A query whose read failed
            // just before (the locked-table test's timeout) and has not been read since goes on with
            // that failure and warns no more: its gauge still shows the last count, so readable()
            // cannot tell; in that order one warning is all there is.
            assertTrue(warnings >= 1 && warnings <= 2, () -> "warned once per gauge query: " + logs.lines());
        }
    }

    /**
     * A server that does not answer at all (frozen, or cut off by the network) held every scrape,
     * and every other metric with it, until it came back: a query timeout needs a server to cancel
     * the query. Each scrape is answered; the gauge goes NaN as when the server is down.
     */
    @Test
    void scrapesAreAnsweredWhileTheDatabaseDoesNotAnswer() throws Exception {
        readable(BACKLOG);
        TestInfrastructure infrastructure = TestInfrastructure.get();
        try {
            // inside: a freeze that fails half-way must not leave part of the server stopped
            infrastructure.freezePostgres();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            double backlog = 0;
            while (!Double.isNaN(backlog)) {
                assertTrue(System.nanoTime() < deadline, "three failed reads, 5 s apart, and the backlog is still " + backlog);
                backlog = CompletableFuture.supplyAsync(() -> Metrics.sum(BACKLOG)).get(30, TimeUnit.SECONDS);
                Thread.sleep(250);
            }
        } finally {
            infrastructure.thawPostgres();
        }
        readable(BACKLOG);
    }

    /** Waits until the gauge is read (again, after another test's outage). */
    private static void readable(String name) {
        awaitGauge(name + " to be read", Duration.ofSeconds(60), value -> !Double.isNaN(value), name);
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
