package io.geoingest.common.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Ready only when the bucket answers, within {@value #ANSWER_WITHIN_SECONDS} s: a service that
 * cannot reach storage cannot do its work. With the SDK's own limits (a 30 s read, retried) storage
 * that does not answer at all held the readiness answer for up to two minutes, so the probe timed
 * out without a word about storage instead of being told it is DOWN.
 */
@Readiness
@ApplicationScoped
public class StorageHealthCheck implements HealthCheck {
    private static final int ANSWER_WITHIN_SECONDS = 3;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(ANSWER_WITHIN_SECONDS);
    private static final String NO_ANSWER = "no answer within " + ANSWER_WITHIN_SECONDS + " s";

    @Inject
    S3Client s3;

    @Inject
    StorageConfig config;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("storage").withData("bucket", config.bucket());
        try {
            s3.headBucket(request -> request.bucket(config.bucket())
                    .overrideConfiguration(call -> call.apiCallTimeout(ANSWER_WITHIN)));
            return response.up().build();
        } catch (ApiCallTimeoutException e) {
            return response.down().withData("error", NO_ANSWER).build();
        } catch (RuntimeException e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
