package io.geoingest.common.stac;

/**
 * Where the STAC API lives, for everything that must agree on which paths are its: the services'
 * resources and error formats, and the local gateway's routing.
 */
public final class StacPaths {
    public static final String BASE_PATH = "/api/stac/v1";

    private StacPaths() {
    }

    /**
     * Whether {@code path} (a path without its query) is on the STAC API: the base path itself or
     * below it, not a path that merely starts with the same letters, such as {@code /api/stac/v10}.
     */
    public static boolean isStacPath(String path) {
        return path != null && (path.equals(BASE_PATH) || path.startsWith(BASE_PATH + "/"));
    }
}
