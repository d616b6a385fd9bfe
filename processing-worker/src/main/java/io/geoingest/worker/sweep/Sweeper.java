package io.geoingest.worker.sweep;

import io.geoingest.common.logging.FileLogContext;
import io.geoingest.worker.WorkerConfig;
import io.geoingest.worker.claim.FileClaims;
import io.geoingest.worker.claim.Leases;
import io.geoingest.worker.processing.DeadLetterException;
import io.geoingest.worker.processing.FileProcessor;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Takes over files nobody is working on: IN_PROGRESS ones whose worker died (the lease passed) and
 * QUEUED ones whose event seems lost. Each is processed through the same claim as an event, so
 * several workers sweeping at once, or a late event, never process a file twice.
 */
@ApplicationScoped
public class Sweeper {
    private static final Logger LOG = Logger.getLogger(Sweeper.class);

    @Inject
    FileClaims claims;

    @Inject
    FileProcessor processor;

    @Inject
    Leases leases;

    @Inject
    WorkerConfig config;

    @Scheduled(identity = "file-sweeper", every = "${geoingest.worker.sweep.interval}",
            delayed = "${geoingest.worker.sweep.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (leases.stopping()) {
            return;
        }
        List<UUID> abandoned;
        try {
            abandoned = claims.abandoned(config.sweep().batchSize(), config.sweep().queuedAfter());
        } catch (RuntimeException e) {
            LOG.warnf("Sweep skipped: %s", e.getMessage());
            return;
        }
        if (!abandoned.isEmpty()) {
            LOG.infof("Sweep: taking over %d file(s) whose worker stopped or whose event was lost", abandoned.size());
        }
        for (UUID fileId : abandoned) {
            if (leases.stopping()) {
                return;
            }
            try (FileLogContext file = FileLogContext.of(fileId)) {
                processor.process(fileId, Optional.empty());
            } catch (DeadLetterException e) {
                LOG.warnf("Sweep: gave up on file %s: %s", fileId, e.getMessage());
            }
        }
    }
}
