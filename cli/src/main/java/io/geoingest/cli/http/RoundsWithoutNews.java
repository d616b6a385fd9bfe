package io.geoingest.cli.http;

import io.geoingest.cli.GaveUpWaitingException;
import java.util.function.IntFunction;

/**
 * How long a wait for a file's final status goes on without news. The wait goes in rounds (a
 * status stream, which ends or falls silent), and each round that ends without the final status
 * counts: as many in a row as the retry policy has
 * attempts, with no new status since the first of them, are a server that is stuck or a path that
 * holds the news back, and the wait is given up with the outcome unknown. A round that brought a
 * new status is the first of a new count.
 */
public final class RoundsWithoutNews {
    private final RetryPolicy policy;
    private int inARow;

    public RoundsWithoutNews(RetryPolicy policy) {
        this.policy = policy;
    }

    /**
     * Counts a round that ended without the final status.
     *
     * @param news whether the round brought a new status
     * @param gaveUp the failure that ends the wait, given how many rounds in a row ended so
     * @return how many rounds in a row ended so, this one included
     * @throws GaveUpWaitingException from {@code gaveUp}, once the rounds without news are too many
     */
    public int ended(boolean news, IntFunction<GaveUpWaitingException> gaveUp) {
        inARow = news ? 1 : inARow + 1;
        if (!policy.mayRetryAfter(inARow)) {
            throw gaveUp.apply(inARow);
        }
        return inARow;
    }
}
