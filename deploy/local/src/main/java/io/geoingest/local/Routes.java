package io.geoingest.local;

import io.geoingest.common.http.RequestPaths;
import io.geoingest.common.stac.StacPaths;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which service answers a public path: the gateway's routing table. Clients use one base URL; the
 * Kubernetes Ingress routes the same way, so the table depends on paths only, never on methods:
 * the STAC catalog (reads, writes, search) is the status-service's, asset uploads the upload-service's.
 */
public final class Routes {
    /** Also the Ingress's path regex for asset uploads (deploy/k8s/base/ingress.yaml). */
    public static final Pattern ASSET_UPLOADS =
            Pattern.compile("^/api/stac/v1/collections/[^/]+/items/[^/]+/assets/[^/]+/uploads(/.*)?$");

    private Routes() {
    }

    /**
     * Routes on the path as the service will resolve it: the services' HTTP layer (Vert.x) decodes
     * percent-encoded dots and removes dot segments before it matches, so a raw
     * {@code /public/../q/metrics} would reach a service's internal {@code /q/metrics}. The services'
     * own function does it here, so that the two can never disagree.
     */
    public static Optional<Service> route(String rawPath) {
        String path = RequestPaths.normalized(rawPath);
        if (path.startsWith("/public/file/status") || path.startsWith("/public/file/download")) {
            return Optional.of(Service.STATUS);
        }
        if (path.startsWith("/public/")) {
            return Optional.of(Service.UPLOAD);
        }
        if (StacPaths.isStacPath(path)) {
            return Optional.of(ASSET_UPLOADS.matcher(path).matches() ? Service.UPLOAD : Service.STATUS);
        }
        return Optional.empty();
    }
}
