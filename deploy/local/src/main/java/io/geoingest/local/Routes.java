package io.geoingest.local;

import java.util.Optional;

/**
 * Which service answers a public path: the gateway's routing table, as in the design. Clients
 * use one base URL; the Kubernetes Ingress routes the same way.
 */
public final class Routes {
    private static final String STAC = "/api/stac/v1";

    private Routes() {
    }

    public static Optional<Service> route(String method, String path) {
        if (path.startsWith("/public/file/status") || path.startsWith("/public/file/download")) {
            return Optional.of(Service.STATUS);
        }
        if (path.startsWith("/public/")) {
            return Optional.of(Service.UPLOAD);
        }
        if (path.equals(STAC) || path.startsWith(STAC + "/")) {
            return Optional.of(stacService(method, path));
        }
        return Optional.empty();
    }

    /** Asset uploads and catalog writes go to the upload-service; reads and search to the status-service. */
    private static Service stacService(String method, String path) {
        if (path.contains("/uploads")) {
            return Service.UPLOAD;
        }
        boolean read = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        boolean search = method.equals("POST") && path.equals(STAC + "/search");
        return read || search ? Service.STATUS : Service.UPLOAD;
    }
}
