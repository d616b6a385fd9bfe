package io.geoingest.common.limits;

import java.util.Optional;

/**
 * Quarkus' own body limit ({@code quarkus.http.limits.max-body-size}) must stay above a service's
 * largest: Quarkus counts a body as it arrives, ahead of what the service has read, and refuses
 * one over its limit first, with an empty 413 instead of the API's error, and no log says why.
 */
public final class QuarkusBodyLimit {
    public static final String SETTING = "quarkus.http.limits.max-body-size";

    private QuarkusBodyLimit() {
    }

    /**
     * The warning for a Quarkus limit of {@code quarkusMaxBytes} that is not above the service's
     * largest body, {@code largestBytes}, which {@code largestSetting} allows; none when it is above.
     */
    public static Optional<String> answersFirst(long quarkusMaxBytes, long largestBytes, String largestSetting) {
        if (quarkusMaxBytes > largestBytes) {
            return Optional.empty();
        }
        return Optional.of(SETTING + " (" + Sizes.describe(quarkusMaxBytes) + ") is not greater than the largest body "
                + largestSetting + " allows (" + Sizes.describe(largestBytes) + "): Quarkus refuses large bodies first,"
                + " with an empty 413 instead of the API's error; set " + SETTING + " well above it");
    }
}
