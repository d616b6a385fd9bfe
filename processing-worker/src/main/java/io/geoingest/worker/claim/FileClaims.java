package io.geoingest.worker.claim;

import io.geoingest.common.event.FileStatusChanged;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import io.geoingest.common.outbox.Outbox;
import io.geoingest.worker.WorkerConfig;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The file status machine as the worker drives it. Every change is one conditional update, so two
 * workers (or one event delivered twice) can never both own a file, and terminal states never
 * change; the {@code file-status} event for a change is written in the same transaction.
 */
@ApplicationScoped
public class FileClaims {
    /** Matches the file only while the claim is this worker's: still IN_PROGRESS, under the same attempt. */
    private static final String STILL_OURS = "id = :id and status = :claimedStatus and attempts = :attempt";

    @Inject
    Outbox outbox;

    @Inject
    WorkerConfig config;

    /**
     * Claims a QUEUED file, or an IN_PROGRESS one whose lease has passed (its worker died).
     *
     * @return empty when the file is unknown, terminal, or held by another worker right now
     */
    @Transactional
    public Optional<Claim> claim(UUID fileId) {
        Instant now = Instant.now();
        int claimed = FileRecord.update(
                "status = :inProgress, attempts = attempts + 1, leaseUntil = :leaseUntil, updatedAt = :now"
                        + " where id = :id and (status = :queued or (status = :inProgress and leaseUntil < :now))",
                Parameters.with("inProgress", FileStatus.IN_PROGRESS)
                        .and("queued", FileStatus.QUEUED)
                        .and("leaseUntil", now.plus(config.lease()))
                        .and("now", now)
                        .and("id", fileId));
        if (claimed == 0) {
            return Optional.empty();
        }
        FileRecord file = FileRecord.findById(fileId);
        outbox.fileStatusChanged(new FileStatusChanged(fileId, FileStatus.IN_PROGRESS, null, null, now));
        return Optional.of(new Claim(file.id, file.attempts, file.objectKey, file.originalName, file.size,
                file.sourceType, Optional.ofNullable(file.expectedChecksum).filter(checksum -> !checksum.isBlank())));
    }

    /**
     * Moves the lease forward while the file is still being read.
     *
     * @return false when the claim is no longer ours
     */
    @Transactional
    public boolean renew(Claim claim) {
        return FileRecord.update("leaseUntil = :leaseUntil where " + STILL_OURS,
                ours(claim).and("leaseUntil", Instant.now().plus(config.lease()))) == 1;
    }

    /**
     * Marks the file COMPLETED with what the worker found.
     *
     * @return false when the claim is no longer ours, and nothing was changed
     */
    @Transactional
    public boolean complete(Claim claim, String checksum, String contentType) {
        Instant now = Instant.now();
        int updated = FileRecord.update(
                "status = :completed, checksum = :checksum, contentType = :contentType, failureReason = null,"
                        + " leaseUntil = null, updatedAt = :now where " + STILL_OURS,
                ours(claim).and("completed", FileStatus.COMPLETED)
                        .and("checksum", checksum)
                        .and("contentType", contentType)
                        .and("now", now));
        if (updated == 0) {
            return false;
        }
        outbox.fileStatusChanged(new FileStatusChanged(claim.fileId(), FileStatus.COMPLETED, null, null, now));
        return true;
    }

    /**
     * Marks the file FAILED with a reason a person can act on; the checksum and media type are kept
     * when the worker got as far as computing them, since they help to find out what went wrong.
     *
     * @return false when the claim is no longer ours, and nothing was changed
     */
    @Transactional
    public boolean fail(Claim claim, String reason, Optional<String> checksum, Optional<String> contentType) {
        Instant now = Instant.now();
        int updated = FileRecord.update(
                "status = :failed, failureReason = :reason, checksum = :checksum, contentType = :contentType,"
                        + " leaseUntil = null, updatedAt = :now where " + STILL_OURS,
                ours(claim).and("failed", FileStatus.FAILED)
                        .and("reason", reason)
                        .and("checksum", checksum.orElse(null))
                        .and("contentType", contentType.orElse(null))
                        .and("now", now));
        if (updated == 0) {
            return false;
        }
        outbox.fileStatusChanged(new FileStatusChanged(claim.fileId(), FileStatus.FAILED, reason, null, now));
        return true;
    }

    private static Parameters ours(Claim claim) {
        return Parameters.with("id", claim.fileId())
                .and("claimedStatus", FileStatus.IN_PROGRESS)
                .and("attempt", claim.attempt());
    }
}
