package io.geoingest.worker.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.file.FileStatus;
import io.geoingest.common.file.SourceType;
import io.geoingest.common.storage.ObjectKeys;
import io.geoingest.testing.TestInfrastructure;
import io.geoingest.worker.WorkerConfig;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Leases are kept by the database's time. A worker whose clock ran ahead by more than two thirds
 * of the lease took files whose lease their worker was still renewing, and two workers processed
 * one file at once.
 */
@QuarkusTest
class DatabaseClockTest {
    private static final Duration AHEAD = Duration.ofMinutes(10);
    /** Time a test's statements may take between a lease's start and its reading. */
    private static final Duration SLACK = Duration.ofSeconds(1);
    /** How long a renewal waits for the file's row. */
    private static final Duration WAIT = Duration.ofSeconds(3);

    @Inject
    FileClaims claims;

    @Inject
    WorkerConfig config;

    @Test
    void aWorkerWhoseClockRunsAheadNeitherTakesAFileWhoseLeaseRunsNorGivesItsOwnClaimsLongerLeases() throws SQLException {
        UUID held = file(FileStatus.IN_PROGRESS, 1, "now() + interval '1 minute'");
        UUID queued = file(FileStatus.QUEUED, 0, "null");
        FileClaims worker = (FileClaims) ClientProxy.unwrap(claims);
        Clock own = worker.clock;
        worker.clock = Clock.offset(own, AHEAD);
        try {
            assertEquals(Optional.empty(), claims.claim(held, true), "another worker's lease still runs for a minute");
            assertFalse(claims.abandoned(10_000, config.sweep().queuedAfter()).contains(held),
                    "the sweeper does not take the file over either");

            claims.claim(queued, false).orElseThrow();
            Duration leaseLeft = leaseLeft(queued);
            assertTrue(leaseLeft.compareTo(config.lease()) <= 0 && leaseLeft.compareTo(config.lease().minus(SLACK)) > 0,
                    "the lease runs " + config.lease() + " by the database's time, not " + leaseLeft);
        } finally {
            worker.clock = own;
            end(held);
            end(queued);
        }
    }

    /**
     * A renewal that waited for the file's row (locked by a claim or a completion under way) got a
     * lease measured from before the wait, as long shorter.
     */
    @Test
    void aRenewalThatWaitedForTheRowGetsAWholeLeaseFromWhenItRan() throws Exception {
        UUID held = file(FileStatus.IN_PROGRESS, 1, "now() + interval '1 minute'");
        Claim claim = new Claim(held, 1, 0, ObjectKeys.forFile(held, "leased.png"), "leased.png", 1, SourceType.UNKNOWN,
                Optional.empty(), Instant.now(), Optional.empty(), Optional.empty(), Optional.empty(), "uploader");
        CompletableFuture<Boolean> renewal;
        try (Connection other = TestInfrastructure.get().connect()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("select 1 from file where id = ? for update")) {
                lock.setObject(1, held);
                lock.executeQuery().close();
            }
            renewal = CompletableFuture.supplyAsync(() -> claims.renew(claim));
            Thread.sleep(WAIT.toMillis());
            other.commit();
        }

        try {
            assertTrue(renewal.get(30, TimeUnit.SECONDS));
            Duration leaseLeft = leaseLeft(held);
            assertTrue(leaseLeft.compareTo(config.lease().minus(SLACK)) > 0,
                    "a lease of " + config.lease() + " from after the wait, not " + leaseLeft);
        } finally {
            end(held);
        }
    }

    /** A file row with a lease until the SQL expression {@code leaseUntil}. */
    private static UUID file(FileStatus status, int attempts, String leaseUntil) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = TestInfrastructure.get().connect();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into file (id, original_name, object_key, size, source_type, status, owner, created_at,
                            updated_at, attempts, lease_until)
                        values (?, 'leased.png', ?, 1, 'UNKNOWN', ?, 'alice', now(), now(), ?, %s)""".formatted(leaseUntil))) {
            insert.setObject(1, id);
            insert.setString(2, ObjectKeys.forFile(id, "leased.png"));
            insert.setString(3, status.name());
            insert.setInt(4, attempts);
            assertEquals(1, insert.executeUpdate());
        }
        return id;
    }

    /** Ends the file, so that the shared test worker does not take it over once its lease passes. */
    private static void end(UUID fileId) throws SQLException {
        try (Connection connection = TestInfrastructure.get().connect();
                PreparedStatement update = connection.prepareStatement(
                        "update file set status = 'FAILED', lease_until = null where id = ?")) {
            update.setObject(1, fileId);
            assertEquals(1, update.executeUpdate());
        }
    }

    private static Duration leaseLeft(UUID fileId) throws SQLException {
        try (Connection connection = TestInfrastructure.get().connect();
                PreparedStatement query = connection.prepareStatement(
                        "select extract(epoch from lease_until - now()) * 1000 from file where id = ?")) {
            query.setObject(1, fileId);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return Duration.ofMillis(result.getLong(1));
            }
        }
    }
}
