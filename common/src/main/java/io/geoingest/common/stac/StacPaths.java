package io.geoingest.common.stac;

import io.geoingest.common.http.RequestPaths;

/**
 * Where the STAC API lives, for everything that must agree on which paths are its: the services'
 * resources and error formats, and the local gateway's routing.
 */
public final class StacPaths {
    public static final String BASE_PATH = "/api/stac/v1";

    private StacPaths() {
    }

    /**
     * Whether {@code path} (a path without its query, as sent or as routed) is on the STAC API: the
     * base path itself or below it, not a path that merely starts with the same letters, such as
     * {@code /api/stac/v10}. Judged on the path as the services route it ({@link RequestPaths}),
     * so that the answer to {@code /api/./stac/v1/...} or {@code /api/stac/%761/...}, which reach
     * the STAC API, is in its format.
     */
    public static boolean isStacPath(String path) {
        if (path == null) {
            return false;
        }
        String routed = RequestPaths.normalizedAsFarAsItGoes(path);
        return routed.equals(BASE_PATH) || routed.startsWith(BASE_PATH + "/");
    }
}
