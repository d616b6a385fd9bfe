package io.geoingest.common.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.s3.S3Client;

/** Ready only when the bucket answers: a service that cannot reach storage cannot do its work. */
@Readiness
@ApplicationScoped
public class StorageHealthCheck implements HealthCheck {

    @Inject
    S3Client s3;

    @Inject
    StorageConfig config;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("storage").withData("bucket", config.bucket());
        try {
            s3.headBucket(request -> request.bucket(config.bucket()));
            return response.up().build();
        } catch (RuntimeException e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
