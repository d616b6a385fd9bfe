package io.geoingest.cli.config;

import io.geoingest.cli.Environment;
import io.geoingest.cli.UsageException;
import io.geoingest.cli.http.RetryPolicy;

/**
 * How many times a request that may succeed later is sent at most: the environment's
 * {@code GEOINGEST_MAX_ATTEMPTS} (as the AWS CLI's {@code AWS_MAX_ATTEMPTS}), or
 * {@link RetryPolicy#DEFAULT}'s, which rides through a service started again. One sends each
 * request once, for a script that retries by itself.
 */
public final class RetrySetting {
    public static final String VARIABLE = "GEOINGEST_MAX_ATTEMPTS";
    static final int MOST = 20;

    private RetrySetting() {
    }

    public static RetryPolicy resolve(Environment environment) {
        return environment.variable(VARIABLE).map(String::trim).filter(value -> !value.isEmpty())
                .map(RetrySetting::attempts)
                .map(attempts -> new RetryPolicy(attempts, RetryPolicy.DEFAULT.firstDelay(), RetryPolicy.DEFAULT.maxDelay()))
                .orElse(RetryPolicy.DEFAULT);
    }

    private static int attempts(String text) {
        if (text.matches("[0-9]{1,3}")) {
            int attempts = Integer.parseInt(text);
            if (attempts >= 1 && attempts <= MOST) {
                return attempts;
            }
        }
        throw new UsageException(VARIABLE + " must be a whole number from 1 to " + MOST + ", not " + text);
    }
}
