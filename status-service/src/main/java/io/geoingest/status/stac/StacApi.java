package io.geoingest.status.stac;

/** Constants of the STAC API as this service serves it. */
public final class StacApi {
    public static final String STAC_VERSION = "1.0.0";
    /** Media type of items and item collections (GeoJSON). */
    public static final String GEO_JSON = "application/geo+json";
    /** Media type of the queryables (a JSON Schema). */
    public static final String JSON_SCHEMA = "application/schema+json";
    /** The link relation of the queryables (OGC API - Features Part 3). */
    public static final String QUERYABLES = "http://www.opengis.net/def/rel/ogc/1.0/queryables";

    private StacApi() {
    }
}
