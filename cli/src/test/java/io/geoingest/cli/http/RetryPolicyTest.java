package io.geoingest.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(1));

    @Test
    void onlyMomentaryUnavailabilityIsRetried() {
        for (int status : new int[] {502, 503, 504}) {
            assertTrue(RetryPolicy.isRetryable(status), "retries " + status);
        }
        for (int status : new int[] {400, 401, 403, 404, 409, 413, 500, 501}) {
            assertFalse(RetryPolicy.isRetryable(status), "does not retry " + status);
        }
    }

    @Test
    void aRequestIsSentAtMostTheConfiguredNumberOfTimes() {
        assertTrue(policy.mayRetryAfter(1));
        assertTrue(policy.mayRetryAfter(3));
        assertFalse(policy.mayRetryAfter(4));
    }

    @Test
    void delaysDoubleUpToTheLimitAndJitterWithinTheUpperHalf() {
        assertEquals(Duration.ofMillis(100), policy.delayBeforeRetry(1, 0.0));
        assertEquals(Duration.ofMillis(199), policy.delayBeforeRetry(1, 0.999));
        assertEquals(Duration.ofMillis(200), policy.delayBeforeRetry(2, 0.0));
        assertEquals(Duration.ofMillis(399), policy.delayBeforeRetry(2, 0.999));
        assertEquals(Duration.ofMillis(500), policy.delayBeforeRetry(4, 0.0));
        assertEquals(Duration.ofMillis(999), policy.delayBeforeRetry(40, 0.999));
    }

    @Test
    void noDelayIsUnderOneHundredMilliseconds() {
        RetryPolicy eager = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40));

        assertEquals(Duration.ofMillis(100), eager.delayBeforeRetry(1, 0.0));
        assertEquals(Duration.ofMillis(100), eager.delayBeforeRetry(3, 0.999));
    }

    /** A service killed and started again answered 502 for about 6 s, and the upload gave up after 2 to 4. */
    @Test
    void theDefaultRetriesForHalfAMinuteAtTheLeast() {
        Duration shortest = Duration.ZERO;
        for (int retry = 1; retry < RetryPolicy.DEFAULT.attempts(); retry++) {
            shortest = shortest.plus(RetryPolicy.DEFAULT.delayBeforeRetry(retry, 0.0));
        }
        assertTrue(shortest.compareTo(Duration.ofSeconds(30)) >= 0, "retries for " + shortest);
    }

    @Test
    void theDefaultWaitsLongerEachTime() {
        long previous = 0;
        for (int retry = 1; retry < RetryPolicy.DEFAULT.attempts(); retry++) {
            long longest = RetryPolicy.DEFAULT.delayBeforeRetry(retry, 0.999).toMillis();
            assertTrue(longest > previous, "retry " + retry + " waits longer than the one before");
            previous = longest;
        }
    }
}
