package io.geoingest.common.metrics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Counts read from the database for gauges: one grouped query ({@code select label, count(*) ...}),
 * run at most once per {@code maxAge} however often metrics are scraped, so that a scrape costs no
 * more than one cheap query every few seconds. A scrape never fails because of the database: while
 * it does not answer the gauges keep their last values for a few reads, then report NaN, so that a
 * dashboard shows a gap instead of a count nobody read (an outbox backlog of 0 through an outage).
 */
public final class DatabaseCounts {
    private static final Logger LOG = Logger.getLogger(DatabaseCounts.class);
    /** Reads missed in a row before the last values are no longer reported. */
    private static final int MISSED_READS_TOLERATED = 2;
    /** Scrapes wait on this read (under the lock): a query stuck on a lock must not hold them all. */
    private static final int QUERY_TIMEOUT_SECONDS = 3;

    private final DataSource dataSource;
    private final String query;
    private final long maxAgeNanos;
    private volatile Map<String, Long> counts = Map.of();
    private volatile long triedAt;
    private volatile long readAt;
    private volatile boolean tried;
    private volatile boolean failing;

    /** @param query returns rows of (label text, count bigint) */
    public DatabaseCounts(DataSource dataSource, String query, Duration maxAge) {
        this.dataSource = dataSource;
        this.query = query;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The count for a label, zero when the query returned no row for it, NaN when it could not be read lately. */
    public double count(String label) {
        refreshIfStale();
        if (System.nanoTime() - readAt > staleAfterNanos()) {
            return Double.NaN;
        }
        return counts.getOrDefault(label, 0L);
    }

    private long staleAfterNanos() {
        return maxAgeNanos * (MISSED_READS_TOLERATED + 1);
    }

    private synchronized void refreshIfStale() {
        long now = System.nanoTime();
        if (tried && now - triedAt < maxAgeNanos) {
            return;
        }
        if (!tried) {
            readAt = now - staleAfterNanos() - 1;
        }
        triedAt = now;
        tried = true;
        Map<String, Long> fresh = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet rows = statement.executeQuery(query)) {
                while (rows.next()) {
                    fresh.put(rows.getString(1), rows.getLong(2));
                }
            }
            counts = Map.copyOf(fresh);
            readAt = System.nanoTime();
            if (failing) {
                LOG.info("Gauge query answers again");
                failing = false;
            }
        } catch (SQLException e) {
            if (!failing) {
                LOG.warnf("Gauge query failed (%s); the gauges report NaN from %d s after their last read until it"
                        + " answers again", e.getMessage(), staleAfterNanos() / 1_000_000_000L);
                failing = true;
            }
        }
    }
}
