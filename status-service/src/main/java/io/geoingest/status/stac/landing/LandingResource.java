package io.geoingest.status.stac.landing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.geoingest.status.stac.Link;
import io.geoingest.status.stac.StacApi;
import io.geoingest.status.stac.StacUrls;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** The entry point of the STAC API: what it conforms to and where everything is. */
@Path(StacApi.BASE_PATH)
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class LandingResource {
    /** STAC API 1.0 core, collections and item search, on OGC API - Features with GeoJSON. */
    static final List<String> CONFORMS_TO = List.of(
            "https://api.stacspec.org/v1.0.0/core",
            "https://api.stacspec.org/v1.0.0/collections",
            "https://api.stacspec.org/v1.0.0/ogcapi-features",
            "https://api.stacspec.org/v1.0.0/item-search",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson");

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LandingPage(
            String type,
            @JsonProperty("stac_version") String stacVersion,
            String id,
            String title,
            String description,
            List<String> conformsTo,
            List<Link> links) {
    }

    public record Conformance(List<String> conformsTo) {
    }

    @GET
    public LandingPage landing(@Context UriInfo uriInfo) {
        StacUrls urls = StacUrls.of(uriInfo);
        return new LandingPage("Catalog", StacApi.STAC_VERSION, "geoingest", "GeoIngest",
                "Geospatial files ingested by GeoIngest: satellite scenes, SAR stacks, NetCDF cubes and vector layers",
                CONFORMS_TO,
                List.of(Link.of("self", urls.root(), MediaType.APPLICATION_JSON, "This document"),
                        Link.of("root", urls.root(), MediaType.APPLICATION_JSON, "GeoIngest"),
                        Link.of("conformance", urls.conformance(), MediaType.APPLICATION_JSON,
                                "Conformance classes this API implements"),
                        Link.of("data", urls.collections(), MediaType.APPLICATION_JSON, "The collections"),
                        new Link("search", urls.search(), StacApi.GEO_JSON, "Item search", "GET", null, null),
                        new Link("search", urls.search(), StacApi.GEO_JSON, "Item search", "POST", null, null)));
    }

    @GET
    @Path("/conformance")
    public Conformance conformance() {
        return new Conformance(CONFORMS_TO);
    }
}
