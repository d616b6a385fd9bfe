package io.geoingest.status.stac.item;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.status.stac.PageLimit;
import io.geoingest.status.stac.QueryParameters;
import io.geoingest.status.stac.filter.CqlFilter;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query parameters a GET on items takes, a collection's items and a search alike (a search
 * adds {@code collections}): its filters (a CQL2 filter among them), page size, cursor, order and fields. Lists are
 * comma-separated, repeated, or both.
 */
public record ItemQueryParameters(
        @Parameter(description = "minx,miny,maxx,maxy in WGS 84 (or minx,miny,minheight,maxx,maxy,maxheight)",
                example = "5.9,45.8,10.5,47.8") @QueryParam("bbox") String bbox,
        @Parameter(description = "A GeoJSON geometry (JSON); not with bbox",
                example = "{\"type\": \"Point\", \"coordinates\": [7.4, 46.9]}") @QueryParam("intersects") String intersects,
        @Parameter(description = "An RFC 3339 date-time or interval (`..` for an open end)",
                example = "2024-01-01T00:00:00Z/..") @QueryParam("datetime") String datetime,
        @Parameter(description = "Comma-separated item ids", example = "S2B_32TLT_20240917") @QueryParam("ids") List<String> ids,
        @Parameter(description = PageLimit.DESCRIPTION, example = "100",
                schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000", defaultValue = "100"))
        @QueryParam("limit") String limit,
        @Parameter(description = "Where the page starts: from the `next` link of the previous page", example = "")
        @QueryParam("cursor") String cursor,
        @Parameter(description = "The STAC API sort extension: up to " + ItemOrder.MAX_FIELDS + " comma-separated"
                + " fields, each " + ItemOrder.FIELDS + ", after `-` for descending order and `+` or nothing for"
                + " ascending; ties go by collection and id in the direction of the first. Items without the field"
                + " come first in ascending order.", example = "properties.eo:cloud_cover,-properties.datetime")
        @QueryParam(ItemQueryParameters.SORTBY) String sortby,
        @Parameter(description = "The STAC API fields extension: the fields of the items to return besides the"
                + " default ones (type, stac_version, stac_extensions, id, collection, geometry, bbox, links, assets,"
                + " properties.datetime), comma-separated, and after `-` those to leave out; with dots for a"
                + " member of an object. Empty: the default fields alone.", example = "properties.title,-geometry")
        @QueryParam(ItemQueryParameters.FIELDS) String fields,
        @Parameter(description = "The STAC API filter extension: a CQL2 filter on the items' properties, "
                + CqlFilter.OFFERED + "; a property is a member of the item's properties (`eo:cloud_cover` or"
                + " `properties.eo:cloud_cover`), or `id`, `collection`, `datetime`, `start_datetime`, `end_datetime`,"
                + " `created`, `updated`. See `/queryables`.",
                example = "geoingest:source_type = 'SAR' AND datetime >= TIMESTAMP('2024-01-01T00:00:00Z')")
        @QueryParam(ItemQueryParameters.FILTER) String filter,
        @Parameter(description = "The filter's encoding: `cql2-text` (the default) or `cql2-json`",
                schema = @Schema(enumeration = {CqlFilter.TEXT, CqlFilter.JSON}, defaultValue = CqlFilter.TEXT))
        @QueryParam(ItemQueryParameters.FILTER_LANG) String filterLang,
        @Parameter(description = "The CRS of the filter's geometries: only " + CqlFilter.CRS84 + ", the default",
                example = CqlFilter.CRS84)
        @QueryParam(ItemQueryParameters.FILTER_CRS) String filterCrs,
        @Parameter(description = "The STAC API query extension, as JSON: each property with its conditions ("
                + "eq, neq, lt, lte, gt, gte, startsWith, endsWith, contains, in), all of which must hold, and the"
                + " filter too when both are given", example = "{\"eo:cloud_cover\": {\"lt\": 10}}")
        @QueryParam(ItemQueryParameters.QUERY) String query) {

    public static final String SORTBY = "sortby";
    public static final String FIELDS = "fields";
    public static final String FILTER = "filter";
    public static final String FILTER_LANG = "filter-lang";
    public static final String FILTER_CRS = "filter-crs";
    public static final String QUERY = "query";
    /** The names of these parameters. */
    public static final Set<String> NAMES = Set.of("bbox", "intersects", "datetime", "ids", "limit",
            "cursor", SORTBY, FIELDS, FILTER, FILTER_LANG, FILTER_CRS, QUERY);

    public ItemFilter filter(List<String> collections, ObjectMapper json) {
        return ItemFilter.of(collections, QueryParameters.split(ids),
                Optional.ofNullable(bbox).map(SpatialFilter::bbox),
                Optional.ofNullable(intersects).map(text -> SpatialFilter.intersects(text, json)),
                Optional.ofNullable(datetime).map(DatetimeInterval::parseQuery),
                CqlFilter.fromQuery(filter, filterLang, filterCrs, query, json));
    }

    public int pageSize() {
        return PageLimit.parse(limit);
    }

    public ItemOrder order() {
        return Optional.ofNullable(sortby).map(ItemOrder::fromQuery).orElse(ItemOrder.BY_KEY);
    }

    /** The key the page starts after, from the cursor made for {@link #order()}. */
    public Optional<List<String>> after() {
        return Optional.ofNullable(cursor).map(order()::keyOf);
    }

    /**
     * The fields asked for, if any: {@code fields=} alone asks for the default fields, and comes as
     * no value at all, so the query tells whether it was given.
     */
    public Optional<ItemFields> fields(MultivaluedMap<String, String> query) {
        return query.containsKey(FIELDS) ? Optional.of(ItemFields.fromQuery(Objects.requireNonNullElse(fields, "")))
                : Optional.empty();
    }
}
