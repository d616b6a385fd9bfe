package io.geoingest.status.stac.landing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.geoingest.common.api.ApiDocumentConfig;
import io.geoingest.common.api.ApiDocumentation;
import io.geoingest.common.stac.StacPaths;
import io.geoingest.status.stac.Link;
import io.geoingest.status.stac.StacApi;
import io.geoingest.status.stac.StacUrls;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The entry point of the STAC API: what it conforms to and where everything is. */
@Path(StacPaths.BASE_PATH)
@Tag(name = ApiDocumentation.STAC)
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class LandingResource {
    /** The media type of the OpenAPI document (/q/openapi/status serves JSON, OpenAPI 3.1 as SmallRye writes it). */
    static final String OPENAPI_JSON = "application/vnd.oai.openapi+json;version=3.1";
    /**
     * STAC API 1.0 core, collections and item search, on OGC API - Features with GeoJSON; the sort,
     * fields and filter extensions (basic CQL2 with LIKE, BETWEEN and IN, in text and JSON).
     */
    static final List<String> CONFORMS_TO = List.of(
            "https://api.stacspec.org/v1.0.0/core",
            "https://api.stacspec.org/v1.0.0/collections",
            "https://api.stacspec.org/v1.0.0/ogcapi-features",
            "https://api.stacspec.org/v1.0.0/item-search",
            "https://api.stacspec.org/v1.0.0/item-search#sort",
            "https://api.stacspec.org/v1.0.0/item-search#fields",
            "https://api.stacspec.org/v1.0.0/ogcapi-features#sort",
            "https://api.stacspec.org/v1.0.0/ogcapi-features#fields",
            "https://api.stacspec.org/v1.0.0-rc.3/item-search#filter",
            "https://api.stacspec.org/v1.0.0-rc.1/item-search#query",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
            "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
            "http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/array-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/case-insensitive-comparison",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
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

    @Inject
    ApiDocumentConfig apiDocument;

    @GET
    @Operation(operationId = "getLandingPage", summary = "STAC landing page",
            description = "The root catalog: STAC version, conformance classes and links to the collections and search.")
    @APIResponse(responseCode = "200", description = "The landing page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LandingPage.class)))
    public LandingPage landing(@Context UriInfo uriInfo) {
        StacUrls urls = StacUrls.of(uriInfo);
        List<Link> links = new ArrayList<>(List.of(
                Link.of("self", urls.root(), MediaType.APPLICATION_JSON, "This document"),
                Link.of("root", urls.root(), MediaType.APPLICATION_JSON, "GeoIngest"),
                Link.of("conformance", urls.conformance(), MediaType.APPLICATION_JSON,
                        "Conformance classes this API implements"),
                Link.of("data", urls.collections(), MediaType.APPLICATION_JSON, "The collections"),
                new Link("search", urls.search(), StacApi.GEO_JSON, "Item search", "GET", null, null),
                new Link("search", urls.search(), StacApi.GEO_JSON, "Item search", "POST", null, null),
                Link.of(StacApi.QUERYABLES, urls.queryables(), StacApi.JSON_SCHEMA,
                        "What a search's filter may name")));
        apiDocument.publishedAs().ifPresent(name -> links.add(Link.of("service-desc", urls.apiDescription(name),
                OPENAPI_JSON, "The OpenAPI description of this API")));
        links.add(Link.of("service-doc", urls.apiDocumentation(), MediaType.TEXT_HTML, "Swagger UI of the public API"));
        return new LandingPage("Catalog", StacApi.STAC_VERSION, "geoingest", "GeoIngest",
                "Geospatial files ingested by GeoIngest: satellite scenes, SAR stacks, NetCDF cubes and vector layers",
                CONFORMS_TO, links);
    }

    @GET
    @Path("/conformance")
    @Operation(operationId = "getConformance", summary = "Conformance classes", description = "The STAC API and OGC API - Features classes implemented.")
    @APIResponse(responseCode = "200", description = "The conformance classes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Conformance.class),
                    example = "{\"conformsTo\": [\"https://api.stacspec.org/v1.0.0/core\"]}"))
    public Conformance conformance() {
        return new Conformance(CONFORMS_TO);
    }
}
