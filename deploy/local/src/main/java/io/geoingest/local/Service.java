package io.geoingest.local;

/** The suite's HTTP services, with the ports of the design. */
public enum Service {
    UPLOAD("upload-service", 8081),
    STATUS("status-service", 8082),
    WORKER("processing-worker", 8083);

    private final String moduleName;
    private final int defaultPort;

    Service(String moduleName, int defaultPort) {
        this.moduleName = moduleName;
        this.defaultPort = defaultPort;
    }

    public String moduleName() {
        return moduleName;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
