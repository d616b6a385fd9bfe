package io.geoingest.local;

import io.geoingest.testing.infra.DatabaseRole;

/** The suite's HTTP services, with the ports of the design and the role each works as in the database. */
public enum Service {
    UPLOAD("upload-service", 8081, DatabaseRole.UPLOAD),
    STATUS("status-service", 8082, DatabaseRole.STATUS),
    WORKER("processing-worker", 8083, DatabaseRole.WORKER);

    private final String moduleName;
    private final int defaultPort;
    private final DatabaseRole databaseRole;

    Service(String moduleName, int defaultPort, DatabaseRole databaseRole) {
        this.moduleName = moduleName;
        this.defaultPort = defaultPort;
        this.databaseRole = databaseRole;
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
