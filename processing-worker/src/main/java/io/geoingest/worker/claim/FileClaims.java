package io.geoingest.worker.claim;

import io.geoingest.common.event.FileStatusChanged;
import io.geoingest.common.event.FileUploaded;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import io.geoingest.common.outbox.Outbox;
import io.geoingest.common.storage.StorageConfig;
import io.geoingest.common.text.Storable;
import io.geoingest.worker.WorkerConfig;
import io.geoingest.worker.catalog.Completion;
import io.geoingest.worker.catalog.StacCatalog;
import io.geoingest.worker.scan.ContentFacts;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import org.hibernate.jpa.HibernateHints;

/**
 * The file status machine as the worker drives it. Every change is conditional, so two workers (or
 * one event delivered twice) can never both own a file, and terminal states never change; the
 * {@code file-status} event and the catalog entry for a change are written in the same transaction.
 */
@ApplicationScoped
public class FileClaims {
    private static final int MAX_REASON = 2000;
    /** Matches the file only while the claim is this worker's: still IN_PROGRESS, under the same attempt. */
    private static final String STILL_OURS = "id = :id and status = :claimedStatus and attempts = :attempt";
    /**
     * A lease runs until the database's time, never a worker's, plus the lease's length: a worker
     * whose clock runs ahead would otherwise take a file whose lease another worker still renews.
     * The time is the statement's, not its transaction's start ({@code now()}): an update that
     * waited for the row's lock (a renewal behind a claim or a completion) would get a lease
     * shortened by the wait.
     */
    private static final String LEASE_FROM_NOW = "clock_timestamp() + " + millis("leaseMillis");
    /**
     * A lease that passed, by the database's time (see {@link #LEASE_FROM_NOW}). Compared with the
     * transaction's start, which is never later than the statement's time: a claim that waited for
     * the row's lock does not take a lease that ran out only during the wait, so the check errs
     * towards the holder.
     */
    private static final String LEASE_PASSED = "lease_until < now()";
    /** QUEUED, or IN_PROGRESS by a worker that died (its lease passed). */
    private static final String CLAIMABLE = "(status = :queued or (status = :inProgress and " + LEASE_PASSED + "))";
    /** Some claim of the file ended with neither a status nor a release: its worker died holding it. */
    private static final String CUT_SHORT_BEFORE = "attempts > releases";

    @Inject
    Outbox outbox;

    @Inject
    StacCatalog catalog;

    @Inject
    WorkerConfig config;

    @Inject
    EntityManager entityManager;

    @Inject
    StorageConfig storage;

    /**
     * The worker's own time, for what it writes of its changes (updated_at, the events' time).
     * No lease reads it, since workers' clocks differ; the dead-letter check does compare the
     * updated_at it wrote with the dead-letter record's time ({@link #failDeadLettered}), which
     * holds only as far as the workers' clocks agree. Volatile: a test sets
     * it while the worker's threads use this bean.
     */
    volatile Clock clock = Clock.systemUTC();

    /**
     * Claims a QUEUED file, or an IN_PROGRESS one whose lease has passed (its worker died). One
     * statement both takes the file and reads it back: a claim is a round trip per file, and the
     * backlog's rate is counted in them.
     *
     * <p>A file a claim of which was cut short before ({@code cutShortBefore}) is processed alone,
     * once the worker's other files end; it is claimed first and waits holding the claim, so that
     * workers which cannot have it (another holds it) do not stop taking files for it. Until the
     * wait ends the claim counts as released: a worker that dies waiting did not die of the file.
     * The pending claim goes to work through {@link #activate}, or back through {@link #release}.
     *
     * @param cutShortBefore whether to claim the file only if a claim of it was cut short before
     *                       (attempts exceed releases), as a pending claim, or only if none was
     * @return empty when the file is unknown, terminal, held by another worker right now, or not
     *         as {@code cutShortBefore} says
     */
    @Transactional
    public Optional<Claim> claim(UUID fileId, boolean cutShortBefore) {
        Instant now = Instant.now(clock);
        int counted = cutShortBefore ? 1 : 0;
        @SuppressWarnings("unchecked")
        List<FileRecord> claimed = entityManager.createNativeQuery(updateLocked("""
                        status = :inProgress, attempts = attempts + 1, releases = releases + :counted,
                        lease_until = %s, updated_at = :now""".formatted(LEASE_FROM_NOW),
                        "id = :id and %s and (%s) = :cutShortBefore".formatted(CLAIMABLE, CUT_SHORT_BEFORE))
                        + " returning file.*", FileRecord.class)
                .setParameter("inProgress", FileStatus.IN_PROGRESS.name())
                .setParameter("counted", counted)
                .setParameter("leaseMillis", config.lease().toMillis())
                .setParameter("now", now)
                .setParameter("id", fileId)
                .setParameter("queued", FileStatus.QUEUED.name())
                .setParameter("cutShortBefore", cutShortBefore)
                // read back, never changed through it: nothing for the persistence context to compare at commit
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultList();
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        FileRecord file = claimed.get(0);
        outbox.fileStatusChanged(new FileStatusChanged(fileId, FileStatus.IN_PROGRESS, null, null, now));
        // Before the claim the file had attempts A and releases R; every earlier claim ended with a
        // status (the file would be terminal), a release, or cut short, so A - R were cut short.
        // Now attempts = A + 1 and releases = R + counted: A - R = attempts - 1 - (releases - counted).
        int cutShort = file.attempts - 1 - (file.releases - counted);
        return Optional.of(new Claim(file.id, file.attempts, cutShort, file.objectKey, file.originalName, file.size,
                file.sourceType, Optional.ofNullable(file.expectedChecksum).filter(checksum -> !checksum.isBlank()),
                file.createdAt, Optional.ofNullable(file.geometry).filter(geometry -> !geometry.isNull()),
                Optional.ofNullable(file.acquisitionDate), file.stacTarget(), file.owner));
    }

    /**
     * Puts a pending claim of a file cut short before (see {@link #claim}) to work: it no longer
     * counts as released, so that the worker's death from here on is blamed on the file. Active,
     * attempts - releases is one more than the claims cut short before. The count is set, not
     * moved: an activation retried because its answer was lost finds the claim still ours and
     * active, and answers so. The claim's time is refreshed, as the wait may have been long (a
     * dead-letter record of an older copy of the event must not pass for newer than the claim).
     *
     * @return false when the claim is no longer ours (its lease passed while it waited, or it was
     *         given back)
     */
    @Transactional
    public boolean activate(Claim claim) {
        return entityManager.createNativeQuery("update file set releases = :attempt - :cutShort - 1, updated_at = :now where "
                        + STILL_OURS)
                .setParameter("id", claim.fileId())
                .setParameter("claimedStatus", FileStatus.IN_PROGRESS.name())
                .setParameter("attempt", claim.attempt())
                .setParameter("cutShort", claim.claimsCutShort())
                .setParameter("now", Instant.now(clock))
                .executeUpdate() == 1;
    }

    /**
     * Moves the lease forward while the file is being worked on.
     *
     * @return false when the claim is no longer ours
     */
    @Transactional
    public boolean renew(Claim claim) {
        return entityManager.createNativeQuery(updateLocked("lease_until = " + LEASE_FROM_NOW, STILL_OURS))
                .setParameter("leaseMillis", config.lease().toMillis())
                .setParameter("id", claim.fileId())
                .setParameter("claimedStatus", FileStatus.IN_PROGRESS.name())
                .setParameter("attempt", claim.attempt())
                .executeUpdate() == 1;
    }

    /**
     * Marks the file COMPLETED with what the worker found, and catalogues it. The update itself
     * checks that the claim is still ours, and locks the row until the catalog entry and the event
     * are written with it.
     *
     * @return false when the claim is no longer ours, and nothing was changed
     */
    @Transactional
    public boolean complete(Claim claim, Completion completion) {
        Instant now = Instant.now(clock);
        int completed = entityManager.createNativeQuery("""
                        update file set status = ?1, checksum = ?2, content_type = ?3, source_type = ?4,
                            metadata = cast(?5 as jsonb), failure_reason = null, lease_until = null, updated_at = ?6
                        where id = ?7 and status = ?8 and attempts = ?9""")
                .setParameter(1, FileStatus.COMPLETED.name())
                .setParameter(2, completion.checksum())
                .setParameter(3, completion.contentType())
                .setParameter(4, completion.sourceType().name())
                .setParameter(5, completion.metadata().toString())
                .setParameter(6, now)
                .setParameter(7, claim.fileId())
                .setParameter(8, FileStatus.IN_PROGRESS.name())
                .setParameter(9, claim.attempt())
                .executeUpdate();
        if (completed == 0) {
            return false;
        }
        catalog.completed(claim, completion);
        outbox.fileStatusChanged(new FileStatusChanged(claim.fileId(), FileStatus.COMPLETED, null, completion.summary(), now));
        return true;
    }

    /**
     * Marks the file FAILED with a reason a person can act on; what the worker found of its stored
     * bytes, when it got as far (their size, checksum and media type), is kept, since it helps to
     * find out what went wrong: the size the upload declared is in the reason when they differ.
     *
     * @return false when the claim is no longer ours, and nothing was changed
     */
    @Transactional
    public boolean fail(Claim claim, String reason, OptionalLong storedSize, Optional<ContentFacts> stored) {
        Optional<FileRecord> owned = lockIfOurs(claim);
        if (owned.isEmpty()) {
            return false;
        }
        FileRecord file = owned.get();
        storedSize.ifPresent(size -> file.size = size);
        file.checksum = stored.map(ContentFacts::checksum).orElse(null);
        file.contentType = stored.map(ContentFacts::mediaType).orElse(null);
        markFailed(file, reason);
        return true;
    }

    /**
     * Gives a claimed file back (QUEUED, no lease), for a worker that stops before finishing it; any
     * worker may claim it again at once, and this claim does not count toward max-claims. The file
     * is announced again: the event that brought it here may be done with already (another copy of
     * it was acknowledged as held by this claim, or the sweeper made the claim), and without a new
     * one the file would wait for the sweeper's {@code queued-after}.
     *
     * <p>The releases are set so that attempts - releases is the claims cut short before this one,
     * whether the claim was pending (see {@link #claim}) or at work: set, not moved, so that a
     * release retried or made after an activation whose answer was lost counts once.
     *
     * @return false when the claim was no longer ours
     */
    @Transactional
    public boolean release(Claim claim) {
        Instant now = Instant.now(clock);
        int released = FileRecord.update("status = :queued, releases = :released, leaseUntil = null, updatedAt = :now"
                        + " where " + STILL_OURS,
                ours(claim).and("queued", FileStatus.QUEUED).and("now", now)
                        .and("released", claim.attempt() - claim.claimsCutShort()));
        if (released == 1) {
            outbox.fileStatusChanged(new FileStatusChanged(claim.fileId(), FileStatus.QUEUED,
                    "the worker stopped before finishing; the file waits for another worker", null, now));
            outbox.fileUploaded(FileUploaded.of(FileRecord.findById(claim.fileId()), storage.bucket()));
        }
        return released == 1;
    }

    /**
     * A dead letter of a file's event: when it was written, and the attempt of the claim that gave
     * up, where it gave up holding one.
     */
    public record DeadLetter(Instant writtenAt, OptionalInt claimAttempt) {
    }

    /**
     * Marks FAILED a file whose event was dead-lettered, unless it is terminal already or a later
     * claim has it: where the dead letter names the claim that gave up, any claim of a later attempt
     * (holding the file, or having given it back to be claimed again), whose own end settles the
     * file; else a claim made after the dead letter was written that still holds the file, by two
     * workers' clocks (the claim's updated_at, the record's time): see the README on clocks.
     *
     * @return whether the file was marked FAILED
     */
    @Transactional
    public boolean failDeadLettered(UUID fileId, String reason, DeadLetter deadLetter) {
        FileRecord file = FileRecord.findById(fileId, LockModeType.PESSIMISTIC_WRITE);
        if (file == null || file.status.isTerminal()) {
            return false;
        }
        boolean heldByNewerClaim = deadLetter.claimAttempt().isPresent()
                ? file.attempts > deadLetter.claimAttempt().getAsInt()
                : file.status == FileStatus.IN_PROGRESS && leaseRuns(fileId) && file.updatedAt.isAfter(deadLetter.writtenAt());
        if (heldByNewerClaim) {
            return false;
        }
        markFailed(file, reason);
        return true;
    }

    /**
     * Files a worker should take over: IN_PROGRESS with a lease that passed, and QUEUED files
     * unchanged for {@code queuedFor} (their event was probably lost), oldest first; both by the
     * database's time.
     */
    @Transactional
    public List<UUID> abandoned(int limit, Duration queuedFor) {
        @SuppressWarnings("unchecked")
        List<UUID> abandoned = entityManager.createNativeQuery("""
                        select id from file
                        where (status = :inProgress and %s)
                            or (status = :queued and updated_at < now() - %s)
                        order by updated_at
                        limit :limit""".formatted(LEASE_PASSED, millis("queuedForMillis")), UUID.class)
                .setParameter("inProgress", FileStatus.IN_PROGRESS.name())
                .setParameter("queued", FileStatus.QUEUED.name())
                .setParameter("queuedForMillis", queuedFor.toMillis())
                .setParameter("limit", limit)
                .getResultList();
        return abandoned;
    }

    private boolean leaseRuns(UUID fileId) {
        return (Boolean) entityManager.createNativeQuery(
                        "select coalesce(not (" + LEASE_PASSED + "), false) from file where id = :id", Boolean.class)
                .setParameter("id", fileId)
                .getSingleResult();
    }

    /**
     * An update of the rows {@code where} matches, {@code set} computed once their locks are held: a
     * plain UPDATE computes its new row before it waits for a row locked by a transaction that then
     * leaves the row as it was ({@link #failDeadLettered}), so a lease from
     * {@link #LEASE_FROM_NOW} would be shortened by the wait.
     */
    private static String updateLocked(String set, String where) {
        return "with locked as (select id from file where " + where + " for update)"
                + " update file set " + set + " from locked where file.id = locked.id";
    }

    /** An interval of the milliseconds in the named parameter, in SQL. */
    private static String millis(String parameter) {
        return "cast(:" + parameter + " as bigint) * interval '1 millisecond'";
    }

    private void markFailed(FileRecord file, String givenReason) {
        // reasons may quote a file or an exception at any length, or a character PostgreSQL refuses
        String reason = Storable.text(givenReason, MAX_REASON);
        Instant now = Instant.now(clock);
        file.status = FileStatus.FAILED;
        file.failureReason = reason;
        file.leaseUntil = null;
        file.updatedAt = now;
        catalog.failed(file.stacTarget(), file.id, reason);
        outbox.fileStatusChanged(new FileStatusChanged(file.id, FileStatus.FAILED, reason, null, now));
    }

    private static Optional<FileRecord> lockIfOurs(Claim claim) {
        FileRecord file = FileRecord.findById(claim.fileId(), LockModeType.PESSIMISTIC_WRITE);
        boolean ours = file != null && file.status == FileStatus.IN_PROGRESS && file.attempts == claim.attempt();
        return ours ? Optional.of(file) : Optional.empty();
    }

    private static Parameters ours(Claim claim) {
        return Parameters.with("id", claim.fileId())
                .and("claimedStatus", FileStatus.IN_PROGRESS)
                .and("attempt", claim.attempt());
    }
}
