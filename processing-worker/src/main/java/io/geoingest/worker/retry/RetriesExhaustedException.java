package io.geoingest.worker.retry;

import io.geoingest.common.error.RootCause;

/** Every try of a step failed; the message says which step, how often, and the last cause. */
public class RetriesExhaustedException extends RuntimeException {
    private final String reason;

    RetriesExhaustedException(String what, int attempts, Throwable lastFailure) {
        super(what + " failed " + attempts + (attempts == 1 ? " time" : " times"), lastFailure);
        this.reason = getMessage() + " (last error: " + RootCause.message(lastFailure) + ")";
    }

    /** A reason a person can act on, for the file's failure reason. */
    public String reason() {
        return reason;
    }
}
