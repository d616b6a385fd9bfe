package io.geoingest.worker.claim;

import io.geoingest.worker.retry.NotRetryable;
import java.util.UUID;

/** The lease on a file passed and another worker claimed it; this worker must stop working on it. */
public class ClaimLostException extends RuntimeException implements NotRetryable {

    public ClaimLostException(UUID fileId) {
        super("the claim on file " + fileId + " was lost: its lease passed and another worker took it over");
    }
}
