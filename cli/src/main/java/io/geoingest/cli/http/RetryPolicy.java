package io.geoingest.cli.http;

import java.time.Duration;

/**
 * When and how long to wait before sending a request again. Only what may succeed later is
 * retried: a gateway or server that is momentarily unavailable (502, 503, 504) and a connection
 * that failed or broke. Any other error answer is final: sending the same request again would get
 * the same answer (the STAC upload guide says the same for 500), unless the request says otherwise
 * ({@link Transport.Resending#REPLACES_ITSELF}).
 *
 * @param attempts how many times a request is sent at most, the first one included
 * @param firstDelay the wait before the first retry; each further retry waits twice as long
 * @param maxDelay the longest wait between two attempts
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration maxDelay) {
    /** No retry waits less: the STAC upload guide's minimum, and a fair one for any server. */
    public static final Duration MINIMUM_DELAY = Duration.ofMillis(100);
    /**
     * Retries for 30 to 60 s in all: long enough to ride through a service started again (the local
     * launcher takes about 6 s from a crash to a service that answers, a Kubernetes pod more), where
     * 2 to 4 s gave up first and an unattended upload failed on every restart.
     */
    public static final RetryPolicy DEFAULT = new RetryPolicy(8, Duration.ofMillis(500), Duration.ofSeconds(32));

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt is needed");
        }
        if (firstDelay.compareTo(maxDelay) > 0) {
            throw new IllegalArgumentException("the first delay is longer than the longest delay");
        }
    }

    /** Whether an answer with this status may be different when the request is sent again. */
    public static boolean isRetryable(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    /** Whether another attempt follows after {@code failedAttempts} attempts failed. */
    public boolean mayRetryAfter(int failedAttempts) {
        return failedAttempts < attempts;
    }

    /**
     * The wait before retry number {@code retry} (1 for the first): exponential, and randomly
     * between half and all of that, so that parallel requests that failed together do not all come
     * back at the same moment; never under {@link #MINIMUM_DELAY}.
     *
     * @param random a number in [0, 1)
     */
    public Duration delayBeforeRetry(int retry, double random) {
        long exponential = firstDelay.toMillis() << Math.min(retry - 1, 30);
        long capped = Math.min(Math.max(exponential, 0), maxDelay.toMillis());
        long jittered = capped / 2 + (long) (random * (capped - capped / 2));
        return Duration.ofMillis(Math.max(jittered, MINIMUM_DELAY.toMillis()));
    }
}
