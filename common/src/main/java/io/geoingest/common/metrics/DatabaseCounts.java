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
 * more than one cheap query every few seconds. When the database does not answer, the gauges keep
 * their last values (a scrape never fails because of it).
 */
public final class DatabaseCounts {
    private static final Logger LOG = Logger.getLogger(DatabaseCounts.class);

    private final DataSource dataSource;
    private final String query;
    private final long maxAgeNanos;
    private volatile Map<String, Long> counts = Map.of();
    private volatile long readAt;
    private volatile boolean read;

    /** @param query returns rows of (label text, count bigint) */
    public DatabaseCounts(DataSource dataSource, String query, Duration maxAge) {
        this.dataSource = dataSource;
        this.query = query;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The count for a label, zero when the query returned no row for it. */
    public double count(String label) {
        refreshIfStale();
        return counts.getOrDefault(label, 0L);
    }

    private synchronized void refreshIfStale() {
        long now = System.nanoTime();
        if (read && now - readAt < maxAgeNanos) {
            return;
        }
        readAt = now;
        read = true;
        Map<String, Long> fresh = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                fresh.put(rows.getString(1), rows.getLong(2));
            }
            counts = Map.copyOf(fresh);
        } catch (SQLException e) {
            LOG.debugf("Gauge query failed, keeping the last values: %s", e.getMessage());
        }
    }
}
