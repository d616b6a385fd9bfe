package io.geoingest.status.stac;

/** Constants of the STAC API as this service serves it. */
public final class StacApi {
    public static final String STAC_VERSION = "1.0.0";
    /** Media type of items and item collections (GeoJSON). */
    public static final String GEO_JSON = "application/geo+json";

    private StacApi() {
    }
}
