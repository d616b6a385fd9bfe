package io.geoingest.common.metrics;

import io.geoingest.common.concurrent.QuestionApart;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Counts read from the database for gauges: one grouped query ({@code select label, count(*) ...}),
 * run at most once per {@code maxAge} however often metrics are scraped, so that a scrape costs no
 * more than one cheap query every few seconds. A scrape never fails because of the database, and
 * never waits on it more than {@link #ANSWER_WITHIN} per query: while it does not answer the gauges
 * keep their last values through two failed reads and report NaN from the third in a row, so that a
 * dashboard shows a gap instead of a count nobody read (an outbox backlog of 0 through an outage).
 * Failed reads are counted, not timed: reads happen only on scrapes, which may come far less often
 * than {@code maxAge}.
 */
public final class DatabaseCounts {
    private static final Logger LOG = Logger.getLogger(DatabaseCounts.class);
    /** Reads failed in a row while the last values are still reported. */
    private static final int FAILED_READS_TOLERATED = 2;
    /** The server gives up a query stuck on a lock after this long (it cannot when it is frozen). */
    private static final int QUERY_TIMEOUT_SECONDS = 3;
    /**
     * How long a scrape waits on a read. A server that does not answer at all (frozen, or cut off
     * by the network, where no query timeout helps) held every scrape, and with it every other
     * metric, until it came back; the read goes on apart, and a later refresh takes its answer
     * without waiting for it again.
     */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(QUERY_TIMEOUT_SECONDS + 1);

    private final DataSource dataSource;
    private final String query;
    private final long maxAgeNanos;
    private final QuestionApart<Map<String, Long>> reading = new QuestionApart<>("gauge-query", this::readCounts);
    private volatile Map<String, Long> counts = Map.of();
    private volatile long triedAt;
    private volatile boolean tried;
    /** Never read counts as failing for good, so that a gauge shows nothing before its first read. */
    private volatile boolean read;
    private volatile int failedInARow;

    /** @param query returns rows of (label text, count bigint) */
    public DatabaseCounts(DataSource dataSource, String query, Duration maxAge) {
        this.dataSource = dataSource;
        this.query = query;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The count for a label, zero when the query returned no row for it, NaN when it could not be read lately. */
    public double count(String label) {
        refreshIfStale();
        if (!read || failedInARow > FAILED_READS_TOLERATED) {
            return Double.NaN;
        }
        return counts.getOrDefault(label, 0L);
    }

    private synchronized void refreshIfStale() {
        long now = System.nanoTime();
        if (tried && now - triedAt < maxAgeNanos) {
            return;
        }
        triedAt = now;
        tried = true;
        try {
            // a read still under way from an earlier refresh had its wait: it is not waited on again
            counts = reading.answer(ANSWER_WITHIN, Duration.ZERO);
            read = true;
            if (failedInARow > 0) {
                LOG.info("Gauge query answers again");
                failedInARow = 0;
            }
        } catch (TimeoutException stillWaiting) {
            failed("no answer within " + ANSWER_WITHIN.toSeconds() + " s");
        } catch (ExecutionException e) {
            failed(String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Long> readCounts() throws SQLException {
        Map<String, Long> fresh = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet rows = statement.executeQuery(query)) {
                while (rows.next()) {
                    fresh.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return Map.copyOf(fresh);
    }

    private void failed(String why) {
        if (failedInARow == 0) {
            LOG.warnf("Gauge query failed (%s); the gauges keep their last values for %d failed reads in a row,"
                    + " then report NaN until it answers again", why, FAILED_READS_TOLERATED);
        }
        failedInARow++;
    }
}
