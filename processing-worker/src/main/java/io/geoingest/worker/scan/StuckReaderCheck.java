package io.geoingest.worker.scan;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Not live while a format reader that was given up on keeps running (see {@link ReadingDeadline}):
 * Java cannot stop such a thread, and each one holds a processor, so the worker asks its
 * orchestrator (the Kubernetes liveness probe) for a restart. Its files are already FAILED.
 */
@Liveness
@ApplicationScoped
public class StuckReaderCheck implements HealthCheck {

    @Inject
    ReadingDeadline deadline;

    @Override
    public HealthCheckResponse call() {
        List<String> stuck = deadline.stuckReaders();
        var response = HealthCheckResponse.named("format-readers").withData("stuck", stuck.size());
        if (stuck.isEmpty()) {
            return response.up().build();
        }
        return response.down().withData("files", String.join(", ", stuck)).build();
    }
}
