package io.geoingest.worker.processing;

import io.geoingest.common.logging.FileLogContext;
import io.geoingest.common.storage.StorageConfig;
import io.geoingest.worker.WorkerConfig;
import io.geoingest.worker.claim.Claim;
import io.geoingest.worker.claim.ClaimLostException;
import io.geoingest.worker.claim.FileClaims;
import io.geoingest.worker.claim.Leases;
import io.geoingest.worker.retry.Retrier;
import io.geoingest.worker.retry.RetriesExhaustedException;
import io.geoingest.worker.metrics.WorkerMetrics;
import io.geoingest.worker.metrics.WorkerMetrics.ProcessingOutcome;
import io.geoingest.worker.scan.ContentFacts;
import io.geoingest.worker.scan.ReadingDeadline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jboss.logging.Logger;

/**
 * Processes one file: claim it, inspect the stored object, record COMPLETED or FAILED (with its
 * catalog entry). Each step retries transient faults; a file whose object cannot be read even then
 * ends FAILED with the reason, so it never stays IN_PROGRESS because of a fault.
 */
@ApplicationScoped
public class FileProcessor {
    private static final Logger LOG = Logger.getLogger(FileProcessor.class);
    /** How many claims in all a file may take, given back ones included, for each claim cut short it may. */
    private static final int CLAIMS_PER_MAX_CLAIM = 4;
    /** How often a file waiting to be processed alone looks whether the readers given up on stopped. */
    private static final Duration READERS_RECHECK = Duration.ofMillis(500);


    @Inject
    FileClaims claims;

    @Inject
    Leases leases;

    @Inject
    ObjectInspector inspector;

    @Inject
    Retrier retrier;

    @Inject
    StorageConfig storage;

    @Inject
    WorkerMetrics metrics;

    @Inject
    WorkerConfig config;

    @Inject
    ReadingDeadline deadline;

    /**
     * A worker that dies cuts short the claims of every file it holds, though one of them alone (a
     * file that runs it out of memory) may have killed it. A file cut short before is therefore
     * processed alone (write lock): the worker holds no other file until it ends, so that a death
     * then is the file's own doing, and a healthy file that shared a worker with a poison one is
     * blamed once, not max-claims times. Other files share the worker (read lock); fair, so a file
     * waiting to be alone is not passed over by files arriving after it.
     */
    private final ReadWriteLock alone = new ReentrantReadWriteLock(true);

    /** Past the readers' stop grace and the liveness probes that would restart the worker meanwhile. */
    Duration readersWaitAtMost = Duration.ofSeconds(30);

    /**
     * Returns once the file's new status is stored, or at once when the file is not this worker's to
     * process (already terminal, or claimed by a worker whose lease still runs), so a redelivered
     * event changes nothing.
     *
     * @param bucket the bucket named by the event; the configured one when absent
     * @throws DeadLetterException when a transient fault outlasted every retry: the database stayed
     *                             unreachable (no status could be stored), or the storage did (the
     *                             file is FAILED)
     */
    public ProcessingResult process(UUID fileId, Optional<String> bucket) {
        if (leases.stopping()) {
            return ProcessingResult.DEFERRED;
        }
        try (FileLogContext file = FileLogContext.of(fileId)) {
            return processClaimed(fileId, bucket);
        }
    }

    private ProcessingResult processClaimed(UUID fileId, Optional<String> bucket) {
        Optional<ProcessingResult> besideOthers = besideOthers(fileId, bucket);
        if (besideOthers.isPresent()) {
            return besideOthers.get();
        }
        // Claimed before the wait for the worker to empty, so that only a worker that holds the file
        // waits: a worker another one beat to it (every sweeper finds the same files after a crash)
        // goes on taking files.
        Optional<Claim> pending = databaseStep("claiming file " + fileId, () -> claims.claim(fileId, true));
        if (pending.isPresent()) {
            return alone(pending.get(), bucket);
        }
        LOG.debugf("File %s is unknown, already done, or held by another worker; nothing to do", fileId);
        return ProcessingResult.DONE;
    }

    /** @return empty when the file was not claimed: it was cut short before, or is not ours to process */
    private Optional<ProcessingResult> besideOthers(UUID fileId, Optional<String> bucket) {
        Lock shared = alone.readLock();
        shared.lock();
        try {
            // The worker may have begun to stop while this waited behind a file processed alone.
            if (leases.stopping()) {
                return Optional.of(ProcessingResult.DEFERRED);
            }
            return databaseStep("claiming file " + fileId, () -> claims.claim(fileId, false))
                    .map(claim -> {
                        try (Leases.Lease lease = leases.hold(claim)) {
                            return processHeld(claim, lease, bucket);
                        }
                    });
        } finally {
            shared.unlock();
        }
    }

    /**
     * Processes a pending claim of a file cut short before once the worker holds no other file. The
     * lease is held (and renewed) through the wait, so that no other worker takes the file meanwhile.
     */
    private ProcessingResult alone(Claim pending, Optional<String> bucket) {
        UUID fileId = pending.fileId();
        try (Leases.Lease lease = leases.hold(pending)) {
            if (endless(pending)) {
                // FAILED at once: the worker need not empty for a file it will not read.
                return processHeld(pending, lease, bucket);
            }
            if (!readersGivenUpOnStopped(fileId)) {
                return handedBack(lease);
            }
            Lock byItself = alone.writeLock();
            byItself.lock();
            try {
                // A reader given up on may have begun while this waited for the worker to empty.
                if (leases.stopping() || deadline.readersGivenUpOnRun()) {
                    return handedBack(lease);
                }
                if (!databaseStep("starting file " + fileId, lease::activate)) {
                    LOG.warnf("File %s was taken from this worker while it waited to process it alone; it is left"
                            + " to its new holder", fileId);
                    return lease.released() ? ProcessingResult.DEFERRED : ProcessingResult.DONE;
                }
                LOG.infof("File %s was cut short %d times before: processed with no other file beside it", fileId,
                        pending.claimsCutShort());
                return processHeld(pending, lease, bucket);
            } finally {
                byItself.unlock();
            }
        }
    }

    /**
     * Gives a pending claim back (it counts no blame): the file is announced again, so the event
     * that brought it is done with, unless the worker is stopping.
     */
    private ProcessingResult handedBack(Leases.Lease lease) {
        lease.giveBack();
        return leases.stopping() ? ProcessingResult.DEFERRED : ProcessingResult.DONE;
    }

    /**
     * Waits, the claim still pending and the worker's other files going on, while a format reader
     * given up on at read-timeout runs on: beside the file processed alone, it would make the
     * worker's death (the liveness probe restarts a worker whose reader is stuck) the file's doing.
     * A pending claim costs the file nothing when the worker is restarted meanwhile; a reader that
     * stops within its grace lets the file go on. Bounded ({@link #readersWaitAtMost}), then the
     * claim is given back: where nothing restarts a worker that is not live (Compose has no
     * liveness probe) the file must not be held for ever.
     *
     * @return false when the readers still run, or the worker began to stop (or was interrupted)
     */
    private boolean readersGivenUpOnStopped(UUID fileId) {
        if (!deadline.readersGivenUpOnRun()) {
            return true;
        }
        LOG.warnf("File %s waits to be processed alone until the format readers given up on at read-timeout stop",
                fileId);
        long giveUpAt = System.nanoTime() + readersWaitAtMost.toNanos();
        while (deadline.readersGivenUpOnRun()) {
            if (leases.stopping() || System.nanoTime() > giveUpAt) {
                return false;
            }
            try {
                Thread.sleep(READERS_RECHECK.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private ProcessingResult processHeld(Claim claim, Leases.Lease lease, Optional<String> bucket) {
        UUID fileId = claim.fileId();
        long claimedAt = System.nanoTime();
        String from = bucket.filter(name -> !name.isBlank()).orElse(storage.bucket());
        Optional<Outcome> outcome = endless(claim)
                ? Optional.of(Outcome.Failed.before(cutShort(claim)))
                : inspect(claim, from, lease);
        if (outcome.isEmpty()) {
            return lease.released() ? ProcessingResult.DEFERRED : ProcessingResult.DONE;
        }
        boolean recorded;
        try {
            recorded = databaseStep("recording the status of file " + fileId,
                    () -> record(claim, outcome.get(), from, claimedAt));
        } catch (DeadLetterException unrecorded) {
            throw unrecorded.ofClaim(claim.attempt());
        }
        if (!recorded) {
            LOG.warnf("File %s was taken from this worker before its status was recorded; this result is dropped",
                    fileId);
            return lease.released() ? ProcessingResult.DEFERRED : ProcessingResult.DONE;
        }
        if (outcome.get() instanceof Outcome.Failed failed && failed.transientFault()) {
            throw new DeadLetterException(failed.reason()).ofClaim(claim.attempt());
        }
        return ProcessingResult.DONE;
    }

    /** @return empty when the claim was lost (or given back) during the read: the file is not ours to finish */
    private Optional<Outcome> inspect(Claim claim, String bucket, Leases.Lease lease) {
        try {
            return Optional.of(retrier.call("reading the stored object",
                    () -> inspector.inspect(claim, bucket, lease::checkStillOurs)));
        } catch (ClaimLostException e) {
            if (!lease.released()) {
                LOG.warn(e.getMessage());
            }
            return Optional.empty();
        } catch (RetriesExhaustedException e) {
            return Optional.of(Outcome.Failed.storageUnavailable(e.reason()));
        }
    }

    /**
     * Claims a stopping worker gave back do not count toward max-claims, but a file whose workers
     * keep being stopped while they read it (their liveness failing on it) must end as well.
     */
    private boolean endless(Claim claim) {
        return claim.claimsCutShort() >= config.maxClaims() || claim.attempt() > config.maxClaims() * CLAIMS_PER_MAX_CLAIM;
    }

    private static String cutShort(Claim claim) {
        int givenBack = claim.attempt() - 1 - claim.claimsCutShort();
        return "processing was cut short " + claim.claimsCutShort() + " times"
                + (givenBack > 0 ? " and given back by a stopping worker " + givenBack + " times" : "")
                + " without an end (its worker was killed or ran out of memory on this file); it is not tried again"
                + " (geoingest.worker.max-claims)";
    }

    private <T> T databaseStep(String what, Callable<T> step) {
        try {
            return retrier.call(what, step);
        } catch (RetriesExhaustedException e) {
            throw new DeadLetterException("the database stayed unreachable: " + e.reason());
        }
    }

    /** Logs how long the file took from its claim, which is the worker's own processing time. */
    private boolean record(Claim claim, Outcome outcome, String bucket, long claimedAt) {
        if (outcome instanceof Outcome.Completed completed) {
            ContentFacts facts = completed.facts();
            boolean recorded = claims.complete(claim,
                    FileDescriptions.describe(claim, facts, completed.sourceType(), bucket));
            if (recorded) {
                metrics.processed(completed.sourceType(), ProcessingOutcome.COMPLETED, since(claimedAt));
                LOG.infof("File %s COMPLETED in %.3f s: %d bytes, %s, %s, %s", claim.fileId(), seconds(claimedAt),
                        facts.size(), facts.format().format().title(), completed.sourceType(), facts.checksum());
            }
            return recorded;
        }
        Outcome.Failed failed = (Outcome.Failed) outcome;
        boolean recorded = claims.fail(claim, failed.reason(), failed.storedSize(), failed.facts());
        if (recorded) {
            metrics.processed(failed.sourceType(claim.sourceType()), ProcessingOutcome.FAILED, since(claimedAt));
            LOG.infof("File %s FAILED in %.3f s: %s", claim.fileId(), seconds(claimedAt), failed.reason());
        }
        return recorded;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
