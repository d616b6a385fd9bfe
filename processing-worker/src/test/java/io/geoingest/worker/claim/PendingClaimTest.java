package io.geoingest.worker.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.storage.ObjectKeys;
import io.geoingest.testing.TestInfrastructure;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A file cut short before is claimed, and then waits for the worker to empty, holding the claim.
 * A worker that dies while it waits did not die of the file: the file's count of claims cut short
 * must not grow, yet the file must still be processed alone by its next worker.
 */
@QuarkusTest
class PendingClaimTest {
    private static final String SWEEPER = "file-sweeper";

    @Inject
    FileClaims claims;

    /** Paused: the shared test worker's sweeper would take the test's orphaned file as its own. */
    @Inject
    Scheduler scheduler;

    private final UUID fileId = UUID.randomUUID();

    @Test
    void aWorkerThatDiesWaitingToProcessAFileAloneLeavesItsCountOfClaimsCutShortUnchanged() throws SQLException {
        // Claimed three times: given back once, cut short twice.
        orphaned(3, 1);

        Claim waiting = claims.claim(fileId, true).orElseThrow();
        assertEquals(2, waiting.claimsCutShort());
        assertEquals(Optional.empty(), claims.claim(fileId, true), "held while it waits: no other worker takes it");
        // The worker dies waiting: its lease passes without activation.
        sql("update file set lease_until = now() - interval '1 second' where id = ?");

        assertEquals(Optional.empty(), claims.claim(fileId, false), "still cut short before: not claimed beside others");
        Claim next = claims.claim(fileId, true).orElseThrow();
        assertEquals(2, next.claimsCutShort(), "the wait was not blamed on the file");
        assertEquals(5, next.attempt());

        assertFalse(claims.activate(waiting), "the dead worker's claim is no longer its own");
        assertTrue(claims.activate(next));
        assertTrue(claims.activate(next), "asked again (its answer lost), the activation still holds");
        // The worker dies processing the file alone: that is the file's doing.
        sql("update file set lease_until = now() - interval '1 second' where id = ?");
        assertEquals(3, claims.claim(fileId, true).orElseThrow().claimsCutShort());
    }

    @Test
    void aPendingClaimGivenBackCountsOneReleaseAsAnyClaimGivenBack() throws SQLException {
        orphaned(1, 0);
        Claim pending = claims.claim(fileId, true).orElseThrow();
        assertTrue(claims.release(pending));

        // The shared test worker may take the file at once, as it is announced again: what it can
        // have made of it since is the release itself, its own pending claim, or that claim at work.
        try (Connection connection = TestInfrastructure.get().connect();
                PreparedStatement query = connection.prepareStatement("select attempts, releases from file where id = ?")) {
            query.setObject(1, fileId);
            try (var row = query.executeQuery()) {
                row.next();
                int attempts = row.getInt(1);
                int releases = row.getInt(2);
                assertTrue(attempts - releases == 1 || attempts == 3 && releases == 1,
                        "still cut short once, no more: attempts " + attempts + ", releases " + releases);
            }
        }
    }

    @BeforeEach
    void pauseTheSweeper() {
        scheduler.pause(SWEEPER);
    }

    @AfterEach
    void done() throws SQLException {
        // Ended, so that the shared test worker does not process it alone later.
        sql("update file set status = 'FAILED', lease_until = null where id = ?");
        scheduler.resume(SWEEPER);
    }

    /** The file, IN_PROGRESS with a lease just passed after {@code attempts} claims, {@code releases} given back. */
    private void orphaned(int attempts, int releases) throws SQLException {
        sql("insert into file (id, original_name, object_key, size, source_type, status, owner, created_at, updated_at,"
                + " attempts, releases, lease_until) values (?, 'pending.png', '" + ObjectKeys.forFile(fileId, "pending.png")
                + "', 1, 'UNKNOWN', 'IN_PROGRESS', 'alice', now(), now(), " + attempts + ", " + releases
                + ", now() - interval '1 second')");
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = TestInfrastructure.get().connect();
                PreparedStatement update = connection.prepareStatement(statement)) {
            update.setObject(1, fileId);
            assertEquals(1, update.executeUpdate());
        }
    }
}
