package io.geoingest.upload.cleanup;

import io.geoingest.common.storage.ObjectKeys;
import io.geoingest.upload.UploadConfig;
import io.geoingest.upload.chunked.AbandonedUploads;
import io.geoingest.upload.direct.DirectUploadLeftovers;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The sweep, every {@code geoingest.upload.cleanup-interval}, of what uploads left unfinished for
 * longer than {@code geoingest.upload.abandon-after}: the multipart uploads that cut-off direct
 * uploads left under {@code files/}, and the chunked and STAC asset uploads nobody finished.
 */
@ApplicationScoped
public class UnfinishedUploadsSweep {
    @Inject
    AbandonedUploads abandonedUploads;

    @Inject
    DirectUploadLeftovers directUploadLeftovers;

    @Inject
    UploadConfig config;

    @Scheduled(identity = "unfinished-uploads", every = "${geoingest.upload.cleanup-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        Instant cutoff = Instant.now().minus(config.abandonAfter());
        // storage first: this part needs no database, so a database that is down does not stop it
        directUploadLeftovers.abortStartedBefore(ObjectKeys.FILES_PREFIX, cutoff);
        // the database judges its rows by its own clock, not this service's
        abandonedUploads.abortInactiveFor(config.abandonAfter());
    }
}
