package io.geoingest.local;

import io.geoingest.testing.infra.DatabaseRole;
import java.time.Duration;
import java.util.Arrays;

/**
 * The suite's HTTP services, with the ports of the design, the role each works as in the database,
 * and how long each lets the requests in flight finish when stopped (QUARKUS_SHUTDOWN_TIMEOUT, as
 * deploy/k8s gives them: without it Quarkus closes its server at once and cuts every upload; the
 * worker's HTTP answers only probes).
 */
public enum Service {
    UPLOAD("upload-service", 8081, DatabaseRole.UPLOAD, Duration.ofSeconds(280)),
    STATUS("status-service", 8082, DatabaseRole.STATUS, Duration.ofSeconds(20)),
    WORKER("processing-worker", 8083, DatabaseRole.WORKER, Duration.ZERO);

    /** What a service takes to stop beyond its requests in flight: Quarkus' own shutdown. */
    private static final Duration OWN_STOP = Duration.ofSeconds(15);

    private final String moduleName;
    private final int defaultPort;
    private final DatabaseRole databaseRole;
    private final Duration shutdownTimeout;

    Service(String moduleName, int defaultPort, DatabaseRole databaseRole, Duration shutdownTimeout) {
        this.moduleName = moduleName;
        this.defaultPort = defaultPort;
        this.databaseRole = databaseRole;
        this.shutdownTimeout = shutdownTimeout;
    }

    Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** How long the launcher waits for the service to stop before it kills it. */
    Duration stopGrace() {
        return shutdownTimeout.plus(OWN_STOP);
    }

    static Duration longestShutdownTimeout() {
        return Arrays.stream(values()).map(Service::shutdownTimeout).max(Duration::compareTo).orElseThrow();
    }

    public DatabaseRole databaseRole() {
        return databaseRole;
    }

    public String moduleName() {
        return moduleName;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
