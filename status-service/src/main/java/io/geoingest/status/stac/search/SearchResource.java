package io.geoingest.status.stac.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.api.ApiDocumentation;
import io.geoingest.common.auth.Caller;
import io.geoingest.common.stac.StacPaths;
import io.geoingest.status.limits.RequestSizeLimit;
import io.geoingest.status.stac.Cursor;
import io.geoingest.status.stac.JsonFields;
import io.geoingest.status.stac.Link;
import io.geoingest.status.stac.StacApi;
import io.geoingest.status.stac.StacUrls;
import io.geoingest.status.stac.VisibleItems;
import io.geoingest.status.stac.item.ItemDocuments;
import io.geoingest.status.stac.item.ItemPages;
import io.geoingest.status.stac.item.ItemQueryParameters;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * STAC item search across collections. GET pages with a {@code cursor} query parameter; POST
 * pages with a {@code next} link whose method is POST and whose body is the search plus its
 * {@code cursor}, as STAC API item search describes.
 */
@Path(StacPaths.BASE_PATH + "/search")
@Tag(name = ApiDocumentation.STAC)
@PermitAll
@Produces({StacApi.GEO_JSON, MediaType.APPLICATION_JSON})
public class SearchResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    ItemPages pages;

    @Inject
    ItemDocuments documents;

    @Inject
    ObjectMapper json;

    @GET
    @Operation(operationId = "searchItems", summary = "Search items (GET)", description = "Items of all collections matching every filter given, in"
            + " collection and id order or as `sortby` asks, a page at a time (`next` link)." + ItemPages.SHORT_PAGES
            + VisibleItems.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "A page of items (FeatureCollection)")
    @APIResponse(responseCode = "400", description = "bbox and intersects cannot be used together")
    public ObjectNode get(@BeanParam ItemQueryParameters parameters,
            @Parameter(description = "Comma-separated collection ids", example = "sentinel-2-l2a")
            @QueryParam("collections") List<String> collections, @Context UriInfo uriInfo) {
        SearchRequest request = SearchRequest.fromQuery(uriInfo.getQueryParameters(), parameters, collections, json);
        ItemPages.Page page = pages.page(request.filter(), Caller.of(identity), request.order(), request.after(),
                request.limit());
        StacUrls urls = StacUrls.of(uriInfo);
        List<Link> links = baseLinks(urls.self(), urls);
        page.next().ifPresent(next -> links.add(Link.of("next", urls.nextPage(request.order().cursor(next)), StacApi.GEO_JSON)));
        return documents.featureCollection(page.items(), request.limit(), links, urls, request.fields());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "postSearchItems", summary = "Search items (POST)", description = "The same search with the filters in a JSON body; the"
            + " `next` link is a POST with the body and a cursor." + ItemPages.SHORT_PAGES + VisibleItems.DESCRIPTION)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            example = "{\"bbox\": [5.9, 45.8, 10.5, 47.8], \"datetime\": \"2024-01-01T00:00:00Z/..\","
                    + " \"collections\": [\"sentinel-2-l2a\"], \"limit\": 10,"
                    + " \"sortby\": [{\"field\": \"properties.eo:cloud_cover\"},"
                    + " {\"field\": \"properties.datetime\", \"direction\": \"desc\"}],"
                    + " \"fields\": {\"include\": [\"properties.title\"], \"exclude\": [\"geometry\"]},"
                    + " \"filter\": {\"op\": \"<\", \"args\": [{\"property\": \"eo:cloud_cover\"}, 10]}}"))
    @APIResponse(responseCode = "200", description = "A page of items (FeatureCollection)")
    @APIResponse(responseCode = "400", description = "Unsupported search field(s); or a filter this API cannot"
            + " answer, with what it offers")
    @APIResponse(responseCode = "413", description = RequestSizeLimit.TOO_LARGE)
    public ObjectNode post(JsonNode body, @Context UriInfo uriInfo) {
        ObjectNode search = body == null ? json.createObjectNode() : JsonFields.requireObject(body);
        SearchRequest request = SearchRequest.fromBody(search);
        ItemPages.Page page = pages.page(request.filter(), Caller.of(identity), request.order(), request.after(),
                request.limit());
        StacUrls urls = StacUrls.of(uriInfo);
        List<Link> links = baseLinks(urls.search(), urls);
        page.next().ifPresent(next -> links.add(Link.post("next", urls.search(), StacApi.GEO_JSON,
                search.deepCopy().put(Cursor.PARAMETER, request.order().cursor(next)))));
        return documents.featureCollection(page.items(), request.limit(), links, urls, request.fields());
    }

    private static List<Link> baseLinks(String self, StacUrls urls) {
        return new ArrayList<>(List.of(
                Link.of("self", self, StacApi.GEO_JSON),
                Link.of("root", urls.root(), MediaType.APPLICATION_JSON)));
    }
}
