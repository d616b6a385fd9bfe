package io.geoingest.worker.processing;

import io.geoingest.common.event.FileUploaded;
import io.geoingest.common.storage.StorageConfig;
import io.geoingest.worker.WorkerConfig;
import io.geoingest.worker.claim.Claim;
import io.geoingest.worker.claim.ClaimLostException;
import io.geoingest.worker.claim.FileClaims;
import io.geoingest.worker.retry.Retrier;
import io.geoingest.worker.retry.RetriesExhaustedException;
import io.geoingest.worker.scan.ContentFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Processes the file a {@code file-uploaded} event announces: claim it, inspect the stored object,
 * record COMPLETED or FAILED. Each step retries transient faults; a file whose object cannot be
 * read even then ends FAILED with the reason, so it never stays IN_PROGRESS because of a fault.
 */
@ApplicationScoped
public class FileProcessor {
    private static final Logger LOG = Logger.getLogger(FileProcessor.class);

    @Inject
    FileClaims claims;

    @Inject
    ObjectInspector inspector;

    @Inject
    Retrier retrier;

    @Inject
    StorageConfig storage;

    @Inject
    WorkerConfig config;

    /**
     * Returns once the file's new status is stored, or at once when the file is not this worker's to
     * process (already terminal, or claimed by a worker whose lease still runs), so a redelivered
     * event changes nothing.
     *
     * @throws RetriesExhaustedException when the database stayed unreachable through every retry,
     *                                   so neither a claim nor a status could be stored
     */
    public void process(FileUploaded event) {
        if (event.fileId() == null) {
            throw new IllegalArgumentException("the file-uploaded event names no file (fileId is missing)");
        }
        UUID fileId = event.fileId();
        Optional<Claim> claimed = retrier.call("claiming file " + fileId, () -> claims.claim(fileId));
        if (claimed.isEmpty()) {
            LOG.debugf("File %s is unknown, already done, or held by another worker; event skipped", fileId);
            return;
        }
        Claim claim = claimed.get();
        String bucket = Optional.ofNullable(event.bucket()).filter(name -> !name.isBlank()).orElse(storage.bucket());
        Optional<Outcome> outcome = inspect(claim, bucket);
        if (outcome.isEmpty()) {
            return;
        }
        boolean recorded = retrier.call("recording the status of file " + fileId, () -> record(claim, outcome.get()));
        if (!recorded) {
            LOG.warnf("File %s was taken over by another worker before its status was recorded; this result is dropped",
                    fileId);
        }
    }

    /** @return empty when the claim was lost during the read: the file is no longer ours to finish */
    private Optional<Outcome> inspect(Claim claim, String bucket) {
        try {
            return Optional.of(retrier.call("reading the stored object",
                    () -> inspector.inspect(claim, bucket, new LeaseKeeper(claim))));
        } catch (ClaimLostException e) {
            LOG.warn(e.getMessage());
            return Optional.empty();
        } catch (RetriesExhaustedException e) {
            return Optional.of(Outcome.Failed.before(e.reason()));
        }
    }

    private boolean record(Claim claim, Outcome outcome) {
        if (outcome instanceof Outcome.Completed completed) {
            ContentFacts facts = completed.facts();
            boolean recorded = claims.complete(claim, facts.checksum(), facts.mediaType());
            if (recorded) {
                LOG.infof("File %s COMPLETED: %d bytes, %s, %s", claim.fileId(), facts.size(), facts.mediaType(),
                        facts.checksum());
            }
            return recorded;
        }
        Outcome.Failed failed = (Outcome.Failed) outcome;
        boolean recorded = claims.fail(claim, failed.reason(), failed.facts().map(ContentFacts::checksum),
                failed.facts().map(ContentFacts::mediaType));
        if (recorded) {
            LOG.infof("File %s FAILED: %s", claim.fileId(), failed.reason());
        }
        return recorded;
    }

    /**
     * Renews the claim's lease every third of its length while the object is read, so only a worker
     * that stopped loses its file; finds out early when the claim was lost after all.
     */
    private final class LeaseKeeper implements Runnable {
        private final Claim claim;
        private final long renewEveryNanos;
        private long nextRenewal;

        LeaseKeeper(Claim claim) {
            this.claim = claim;
            this.renewEveryNanos = config.lease().dividedBy(3).toNanos();
            this.nextRenewal = System.nanoTime() + renewEveryNanos;
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            if (now - nextRenewal < 0) {
                return;
            }
            nextRenewal = now + renewEveryNanos;
            boolean stillOurs;
            try {
                stillOurs = claims.renew(claim);
            } catch (RuntimeException e) {
                // The lease still runs for two thirds of its length: the next renewal may well succeed.
                LOG.warnf("Could not renew the lease on file %s (%s); the read goes on", claim.fileId(), e.getMessage());
                return;
            }
            if (!stillOurs) {
                throw new ClaimLostException(claim.fileId());
            }
        }
    }
}
