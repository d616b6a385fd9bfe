package io.geoingest.worker.processing;

import java.util.OptionalInt;

/**
 * Processing gave up on a transient fault after every retry: the event goes to the dead-letter
 * topic with this message as the reason. The file is (or, once the database is back, will be)
 * FAILED with the same reason, unless a later claim of it holds it by then.
 *
 * @see #claimAttempt()
 */
public class DeadLetterException extends RuntimeException {
    private final transient OptionalInt claimAttempt;

    public DeadLetterException(String reason) {
        this(reason, OptionalInt.empty());
    }

    private DeadLetterException(String reason, OptionalInt claimAttempt) {
        super(reason);
        this.claimAttempt = claimAttempt;
    }

    /** The same, given up on while holding the claim of this attempt. */
    DeadLetterException ofClaim(int attempt) {
        return new DeadLetterException(getMessage(), OptionalInt.of(attempt));
    }

    /**
     * The attempt of the claim that gave up, where it held one: the dead letter then fails the file
     * only if no later claim took it, which another worker may have done once that claim's lease
     * passed (the database out of reach for this worker alone).
     */
    public OptionalInt claimAttempt() {
        return claimAttempt;
    }
}
