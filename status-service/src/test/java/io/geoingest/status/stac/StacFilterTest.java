package io.geoingest.status.stac;

import static io.geoingest.status.stac.StacFixtures.BASE;
import static io.geoingest.status.stac.StacFixtures.JSON;
import static io.geoingest.status.stac.StacFixtures.as;
import static io.geoingest.status.stac.StacFixtures.createCollection;
import static io.geoingest.status.stac.StacFixtures.createItem;
import static io.geoingest.status.stac.StacFixtures.item;
import static io.geoingest.status.stac.StacFixtures.point;
import static io.geoingest.status.stac.StacFixtures.uniqueId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.testing.TestApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The STAC API filter extension: CQL2 filters on item properties, in text and JSON, on search and items. */
@QuarkusTest
class StacFilterTest {
    private static final String SEARCH = BASE + "/search";

    @Inject
    DataSource database;

    private final String writerKey = TestApiKeys.uploader("writer-" + UUID.randomUUID());
    private final String readerKey = TestApiKeys.create("reader-" + UUID.randomUUID());
    private String scenes;

    /**
     * Scenes whose properties differ in value and in type: a cloud cover that is a number, a string
     * or missing, a platform that is null in one of them, times that are no times.
     */
    @BeforeEach
    void createScenes() throws Exception {
        scenes = uniqueId("filtered");
        createCollection(writerKey, scenes);
        scene("a", "2024-01-10T08:00:00Z", "{\"eo:cloud_cover\": 5, \"platform\": \"sentinel-2a\", \"flag\": true,"
                + " \"acquired\": \"2024-05-01T00:00:00Z\"}");
        scene("b", "2024-03-01T08:00:00Z", "{\"eo:cloud_cover\": 40, \"platform\": \"sentinel-2b\", \"flag\": false,"
                + " \"acquired\": \"not a date\"}");
        scene("c", "2023-06-01T08:00:00Z", "{\"eo:cloud_cover\": \"unknown\", \"platform\": \"landsat-8\","
                + " \"acquired\": \"2024-13-45\"}");
        scene("d", "2024-02-01T08:00:00Z", "{\"platform\": null}");
    }

    private void scene(String id, String datetime, String properties) throws Exception {
        ObjectNode item = item(id, point(7.44, 46.95), datetime);
        ((ObjectNode) item.get("properties")).setAll((ObjectNode) JSON.readTree(properties));
        createItem(writerKey, scenes, item);
    }

    private ValidatableResponse get(String filter) {
        return as(readerKey).queryParams(Map.of("collections", scenes, "filter", filter)).when().get(SEARCH).then();
    }

    private List<String> idsGet(String filter) {
        return get(filter).statusCode(200).extract().jsonPath().getList("features.id");
    }

    private List<String> idsPost(String cql2Json) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("collections").add(scenes);
        body.set("filter", JSON.readTree(cql2Json));
        return post(body).statusCode(200).extract().jsonPath().getList("features.id");
    }

    private ValidatableResponse post(JsonNode body) {
        return as(readerKey).contentType(ContentType.JSON).body(body.toString()).when().post(SEARCH).then();
    }

    @Test
    void aComparisonMatchesTheItemsWhoseValueIsOfItsTypeAndNoOthers() {
        assertEquals(List.of("a"), idsGet("eo:cloud_cover < 10"));
        assertEquals(List.of("a", "b"), idsGet("properties.eo:cloud_cover > 4.5"));
        assertEquals(List.of("b"), idsGet("NOT eo:cloud_cover < 10"),
                "a cloud cover that is a string, or none, is unknown: neither below 10 nor not");
        assertEquals(List.of("c"), idsGet("eo:cloud_cover = 'unknown'"));
        assertEquals(List.of("a"), idsGet("flag = TRUE"));
        assertEquals(List.of("a", "b", "c"), idsGet("platform <> 'landsat-9'"));
    }

    @Test
    void advancedComparisonsAndLogicInText() {
        assertEquals(List.of("a", "b"), idsGet("platform LIKE 'sentinel-2_'"));
        assertEquals(List.of("c"), idsGet("platform NOT LIKE 'sentinel%'"));
        assertEquals(List.of("a", "c"), idsGet("id IN ('a', 'c', 'z')"));
        assertEquals(List.of("a", "b"), idsGet("eo:cloud_cover BETWEEN 5 AND 40"));
        assertEquals(List.of("d"), idsGet("platform IS NULL"));
        assertEquals(List.of("a", "b", "c"), idsGet("platform IS NOT NULL"));
        assertEquals(List.of("a", "c"), idsGet("eo:cloud_cover < 10 OR platform = 'landsat-8'"));
        assertEquals(List.of("b"), idsGet("(eo:cloud_cover < 10 OR eo:cloud_cover > 20) AND flag = false"));
    }

    @Test
    void timesCompareAsTimesAndDatesAsDays() {
        assertEquals(List.of("b", "d"), idsGet("datetime >= TIMESTAMP('2024-02-01T00:00:00Z')"));
        assertEquals(List.of("a", "d"), idsGet("datetime >= DATE('2024-01-10') AND datetime <= DATE('2024-02-01')"),
                "a date is the whole day");
        assertEquals(List.of("b", "d"), idsGet("datetime > '2024-01-31T00:00:00Z'"), "a string compared with a time is one");
        assertEquals(List.of("a"), idsGet("acquired > TIMESTAMP('2024-01-01T00:00:00Z')"),
                "a property that holds no time matches no comparison of times, and fails no search");
    }

    /**
     * A property's time without a zone is read in UTC, as DATE(...) is: PostgreSQL read it in the
     * session's zone, which the JDBC driver takes from the service's JVM, so on a server set to
     * another zone a date property matched the neighbouring day's DATE.
     */
    @Test
    void aPropertysTimeWithoutAZoneIsReadInUtcWhateverTheServersZone() throws Exception {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("set time zone 'Pacific/Kiritimati'");
            try (ResultSet read = statement.executeQuery("select stac_timestamp('\"2024-05-01\"'),"
                    + " stac_timestamp('\"2024-05-01T10:00:00\"'), stac_timestamp('\"2024-05-01T10:00:00+02:00\"')")) {
                read.next();
                assertEquals(Instant.parse("2024-05-01T00:00:00Z"), read.getObject(1, OffsetDateTime.class).toInstant());
                assertEquals(Instant.parse("2024-05-01T10:00:00Z"), read.getObject(2, OffsetDateTime.class).toInstant());
                assertEquals(Instant.parse("2024-05-01T08:00:00Z"), read.getObject(3, OffsetDateTime.class).toInstant());
            } finally {
                statement.execute("reset time zone");
            }
        }
    }

    /** s_intersects joins bbox and intersects: every shape given must meet the item, exactly, not by its box. */
    @Test
    void sIntersectsFindsTheItemsWhoseGeometryMeetsTheShape() throws Exception {
        ObjectNode far = item("far", point(-77.0, -12.0), "2024-01-10T08:00:00Z");
        ((ObjectNode) far.get("properties")).put("eo:cloud_cover", 1);
        createItem(writerKey, scenes, far);

        assertEquals(List.of("far"), idsGet("S_INTERSECTS(geometry, BBOX(-78, -13, -76, -11))"));
        assertEquals(List.of("a", "far"), idsGet("eo:cloud_cover < 10 AND (S_INTERSECTS(geometry, "
                + "POLYGON((-80 -20, 10 -20, 10 50, -80 50, -80 -20))))"));
        assertEquals(List.of(), idsGet("S_INTERSECTS(geometry, POINT(7 46.9))"), "the point lies beside the scenes");
        assertEquals(List.of("a", "b", "c", "d"), idsPost("""
                {"op": "s_intersects", "args": [{"property": "geometry"}, {"type": "Point", "coordinates": [7.44, 46.95]}]}"""));
        assertEquals(List.of("far"), idsPost("""
                {"op": "s_intersects", "args": [{"property": "geometry"}, {"type": "Polygon", "bbox": [-80, -20, 10, 50],
                  "coordinates": [[[-80, -20], [-70, -20], [-70, -10], [-80, -10], [-80, -20]]]}]}"""),
                "a geometry's own bbox member is not the shape");
        assertEquals(List.of(), as(readerKey).queryParams(Map.of("collections", scenes, "bbox", "-78,-13,-76,-11",
                        "filter", "S_INTERSECTS(geometry, POINT(7.44 46.95))"))
                .when().get(SEARCH).then().statusCode(200).extract().jsonPath().getList("features.id"),
                "bbox and s_intersects must both hold");
    }

    /**
     * The spatial functions other than s_intersects, and any under or and not: the database lets
     * through the rows that may match, and each is decided with JTS and the conditions beside it.
     */
    @Test
    void spatialFunctionsHoldUnderOrAndNotAndRelateAsTheyAreNamed() throws Exception {
        ObjectNode far = item("far", point(-77.0, -12.0), "2024-01-10T08:00:00Z");
        ((ObjectNode) far.get("properties")).put("eo:cloud_cover", 1);
        createItem(writerKey, scenes, far);
        createItem(writerKey, scenes, item("area", StacFixtures.box(7.3, 46.8, 7.6, 47.1), "2024-01-12T08:00:00Z"));

        assertEquals(List.of("a", "area", "b", "c", "d"), sorted(idsGet("S_WITHIN(geometry, BBOX(7, 46.5, 8, 47.5))")));
        assertEquals(List.of("a", "b", "c", "d"), sorted(idsGet("S_WITHIN(geometry, POLYGON((7.3 46.8, 7.6 46.8,"
                + " 7.6 47.1, 7.3 47.1, 7.3 46.8))) AND NOT id = 'area'")), "points inside the area");
        assertEquals(List.of("area"), idsGet("S_CONTAINS(geometry, POINT(7.5 46.9))"));
        assertEquals(List.of("area"), idsGet("S_WITHIN(POINT(7.5 46.9), geometry)"), "the shape first, the converse");
        assertEquals(List.of("b", "far"), sorted(idsGet("S_INTERSECTS(geometry, POINT(-77 -12)) OR eo:cloud_cover >= 40")));
        assertEquals(List.of("far"), idsGet("NOT S_INTERSECTS(geometry, BBOX(7, 46.5, 8, 47.5))"));
        assertEquals(List.of("far"), idsGet("S_DISJOINT(geometry, BBOX(7, 46.5, 8, 47.5))"));
        assertEquals(List.of("area"), idsGet("S_TOUCHES(geometry, LINESTRING(7.6 46.8, 7.9 46.8))"));
        assertEquals(List.of("area"), idsGet("S_EQUALS(geometry, BBOX(7.3, 46.8, 7.6, 47.1))"));
        assertEquals(List.of("area"), idsGet("S_OVERLAPS(geometry, POLYGON((7.5 46.9, 8 46.9, 8 47.5, 7.5 47.5, 7.5 46.9)))"));
        assertEquals(List.of("area"), idsGet("S_CROSSES(geometry, LINESTRING(7 46.9, 7.5 46.9))"));
        assertEquals(List.of("a", "far"), sorted(idsPost("""
                {"op": "and", "args": [{"op": "<", "args": [{"property": "eo:cloud_cover"}, 10]},
                  {"op": "or", "args": [{"op": "s_disjoint", "args": [{"property": "geometry"}, {"bbox": [7, 46.5, 8, 47.5]}]},
                    {"op": "=", "args": [{"property": "platform"}, "sentinel-2a"]}]}]}""")),
                "c's cloud cover is a string: unknown, not true");

        // a page of one at a time still finds each match once, following next
        List<String> paged = new ArrayList<>();
        ValidatableResponse page = as(readerKey).queryParams(Map.of("collections", scenes, "limit", 1,
                "filter", "NOT S_WITHIN(geometry, POINT(7.44 46.95)) AND NOT id = 'b'")).when().get(SEARCH).then()
                .statusCode(200);
        while (true) {
            JsonPath body = page.extract().jsonPath();
            paged.addAll(body.getList("features.id"));
            String next = body.getString("links.find { it.rel == 'next' }.href");
            if (next == null) {
                break;
            }
            page = as(readerKey).urlEncodingEnabled(false).when().get(next).then().statusCode(200);
        }
        assertEquals(List.of("area", "far"), sorted(paged));
        as(readerKey).when().get(BASE + "/conformance").then().statusCode(200)
                .body("conformsTo", hasItem("http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions"));
    }

    @Test
    void caseiComparesStringsWhateverTheirCase() throws Exception {
        assertEquals(List.of("a"), idsGet("CASEI(platform) = CASEI('SENTINEL-2A')"));
        assertEquals(List.of("a", "b"), idsGet("CASEI(platform) LIKE CASEI('Sentinel%')"));
        assertEquals(List.of("c"), idsGet("CASEI(platform) IN (CASEI('LANDSAT-8'), CASEI('Landsat-9'))"));
        assertEquals(List.of(), idsGet("platform = 'SENTINEL-2A'"), "without casei, case counts");
        assertEquals(List.of("a"), idsPost("""
                {"op": "=", "args": [{"casei": {"property": "platform"}}, {"casei": "Sentinel-2A"}]}"""));
        get("CASEI(eo:cloud_cover) = 5").statusCode(400).body("description", containsString("casei compares strings"));
        get("CASEI(platform) = CASEI(5)").statusCode(400).body("description", containsString("not a number"));
    }

    /** Array functions on a property that holds an array, as Sentinel-1 items hold their polarisations. */
    @Test
    void arrayFunctionsRelateAnArrayPropertyWithAList() throws Exception {
        for (String[] scene : new String[][] {{"dual", "[\"VV\", \"VH\"]"}, {"single", "[\"VV\"]"},
                {"horizontal", "[\"HH\", \"HV\"]"}, {"text", "\"VV\""}}) {
            ObjectNode item = item(scene[0], point(7.44, 46.95), "2024-01-10T08:00:00Z");
            ((ObjectNode) item.get("properties")).set("sar:polarizations", JSON.readTree(scene[1]));
            createItem(writerKey, scenes, item);
        }

        assertEquals(List.of("dual"), idsGet("A_CONTAINS(sar:polarizations, ('VH', 'VV'))"));
        assertEquals(List.of("dual", "single"), sorted(idsGet("A_CONTAINEDBY(sar:polarizations, ('VV', 'VH', 'HH'))")));
        assertEquals(List.of("dual", "single"), sorted(idsGet("A_CONTAINS(('VV', 'VH', 'HH', 'HV'), sar:polarizations)"
                + " AND A_OVERLAPS(sar:polarizations, ('VV'))")), "the list first: the property contained by it");
        assertEquals(List.of("single"), idsGet("A_EQUALS(sar:polarizations, ('VV'))"));
        assertEquals(List.of("dual"), idsGet("A_EQUALS(sar:polarizations, ('VH', 'VV', 'VH'))"),
                "sets: neither order nor repeats count");
        assertEquals(List.of("horizontal"), idsPost("""
                {"op": "a_overlaps", "args": [{"property": "sar:polarizations"}, ["HV", "VH-"]]}"""));
        assertEquals(List.of("horizontal", "single"), sorted(idsGet("NOT A_CONTAINS(sar:polarizations, ('VH'))")),
                "a string where an array belongs is unknown, under not as well");
        get("A_CONTAINS(id, ('a'))").statusCode(400).body("description", containsString("id holds no array"));
        as(readerKey).when().get(BASE + "/conformance").then().statusCode(200)
                .body("conformsTo", hasItem("http://www.opengis.net/spec/cql2/1.0/conf/array-functions"));
    }

    @Test
    void cql2JsonInAPostSearch() throws Exception {
        assertEquals(List.of("b"), idsPost("""
                {"op": "and", "args": [
                  {"op": "like", "args": [{"property": "platform"}, "sentinel%"]},
                  {"op": ">=", "args": [{"property": "datetime"}, {"timestamp": "2024-02-01T00:00:00Z"}]}]}"""));
        assertEquals(List.of("a", "c"), idsPost("""
                {"op": "in", "args": [{"property": "id"}, ["a", "c"]]}"""));
        assertEquals(List.of("a"), idsPost("""
                {"op": "<", "args": [{"property": "eo:cloud_cover"}, 10]}"""));
        assertEquals(List.of("d"), idsPost("""
                {"op": "isNull", "args": [{"property": "platform"}]}"""));
    }

    @Test
    void cql2TextInAPostAndCql2JsonInAGet() {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("collections").add(scenes);
        body.put("filter-lang", "cql2-text").put("filter", "eo:cloud_cover >= 40");
        assertEquals(List.of("b"), post(body).statusCode(200).extract().jsonPath().getList("features.id"));
        List<String> ids = as(readerKey).queryParams(Map.of("collections", scenes, "filter-lang", "cql2-json",
                        "filter", "{\"op\": \"=\", \"args\": [{\"property\": \"platform\"}, \"landsat-8\"]}"))
                .when().get(SEARCH).then().statusCode(200).extract().jsonPath().getList("features.id");
        assertEquals(List.of("c"), ids);
    }

    /** The next link carries the filter: every page is of the filtered items. */
    @Test
    void pagesOfAFilteredSearchAndOfACollectionsItems() throws Exception {
        List<String> seen = new ArrayList<>();
        JsonPath page = as(readerKey).queryParams(Map.of("collections", scenes, "filter", "platform IS NOT NULL",
                "limit", "2")).when().get(SEARCH).then().statusCode(200).extract().jsonPath();
        seen.addAll(page.getList("features.id"));
        String next = page.getString("links.find { it.rel == 'next' }.href");
        JsonPath last = RestAssured.given().header("X-API-KEY", readerKey).urlEncodingEnabled(false).when().get(next)
                .then().statusCode(200).extract().jsonPath();
        seen.addAll(last.getList("features.id"));
        assertEquals(List.of("a", "b", "c"), seen);

        assertEquals(List.of("a", "b"), as(readerKey).queryParam("filter", "eo:cloud_cover BETWEEN 0 AND 100")
                .when().get(BASE + "/collections/{c}/items", scenes).then().statusCode(200).extract().jsonPath()
                .getList("features.id"));

        ObjectNode body = JSON.createObjectNode();
        body.putArray("collections").add(scenes);
        body.put("limit", 1);
        body.set("filter", JSON.readTree("{\"op\": \">\", \"args\": [{\"property\": \"eo:cloud_cover\"}, 1]}"));
        JsonPath first = post(body).statusCode(200).extract().jsonPath();
        assertEquals(List.of("a"), first.getList("features.id"));
        ObjectNode nextBody = (ObjectNode) JSON.readTree(JSON.writeValueAsString(
                first.getMap("links.find { it.rel == 'next' }.body")));
        assertEquals(List.of("b"), post(nextBody).statusCode(200).extract().jsonPath().getList("features.id"));
    }

    /**
     * CQL2's temporal functions: the item's datetime (the span it covers, when it has one), a
     * property read as a time, TIMESTAMP, DATE (its whole day) and INTERVAL with open ends.
     */
    @Test
    void temporalFunctionsCompareTheItemsTimeWithInstantsDaysAndIntervals() throws Exception {
        createItem(writerKey, scenes, StacFixtures.itemSpanning("e", point(7.44, 46.95), "2024-04-01T00:00:00Z",
                "2024-04-30T23:00:00Z"));

        assertEquals(List.of("b", "d", "e"), sorted(idsGet("T_AFTER(datetime, TIMESTAMP('2024-01-31T00:00:00Z'))")));
        assertEquals(List.of("a", "d"), sorted(idsGet("T_INTERSECTS(datetime, INTERVAL('2024-01-01', '2024-02-01'))")),
                "a date ends an interval at the end of its day");
        assertEquals(List.of("c"), sorted(idsGet("t_before(datetime, DATE('2024-01-10'))")));
        assertEquals(List.of("a", "b", "d", "e"),
                sorted(idsGet("T_DURING(datetime, INTERVAL('2024-01-01T00:00:00Z', '..'))")));
        assertEquals(List.of("e"), idsGet("T_CONTAINS(datetime, DATE('2024-04-15'))"));
        assertEquals(List.of("e"), idsGet("T_OVERLAPPEDBY(INTERVAL(start_datetime, end_datetime),"
                + " INTERVAL('2024-03-15', '2024-04-10'))"));
        assertEquals(List.of("a"), idsGet("T_AFTER(acquired, TIMESTAMP('2024-04-01T00:00:00Z'))"),
                "a property that is no time (b, c) or missing (d, e) is unknown, not after");
        assertEquals(List.of("a", "c"), sorted(idsGet("NOT T_INTERSECTS(datetime, INTERVAL('2024-02-01', '..'))")));
        assertEquals(List.of("b", "d", "e"), sorted(idsPost("""
                {"op": "t_intersects", "args": [{"property": "datetime"}, {"interval": ["2024-02-01T00:00:00Z", ".."]}]}""")));

        get("T_AFTER(id, TIMESTAMP('2024-01-01T00:00:00Z'))").statusCode(400)
                .body("description", containsString("\"t_after\" compares times, and id is a string"));
        get("T_AFTER(datetime, 5)").statusCode(400).body("description", containsString("not a number"));
        get("T_AFTER(datetime, INTERVAL('yesterday', '..'))").statusCode(400)
                .body("description", containsString("not 'yesterday'"));
        as(readerKey).when().get(BASE + "/conformance").then().statusCode(200)
                .body("conformsTo", hasItem("http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions"));
    }

    private static List<String> sorted(List<String> ids) {
        return ids.stream().sorted().toList();
    }

    @Test
    void aFilterTheCatalogCannotAnswerIsA400ThatSaysWhy() throws Exception {
        get("eo:cloud_cover <").statusCode(400).body("code", equalTo(400))
                .body("description", startsWith("filter: "));
        get("ACCENTI(platform) = 'sentinel-2a'").statusCode(400).body("description", containsString("not supported"));
        get("S_WITHIN(geometry, id)").statusCode(400).body("description", containsString("expected a geometry"));
        get("datetime > 5").statusCode(400).body("description", containsString("datetime is a timestamp"));
        get("datetime > 'yesterday'").statusCode(400).body("description", containsString("TIMESTAMP("));
        get("geometry IS NULL").statusCode(400).body("description", containsString("use bbox or intersects"));
        get("platform LIKE '%\\'").statusCode(400).body("description", containsString("unterminated string"));
        get("eo:cloud_cover < 1e200000").statusCode(400).body("description", containsString("beyond the numbers"));
        get("T_AFTER(datetime, DATE('+300000-01-01'))").statusCode(400).body("description", containsString("DATE takes a date"));
        get("created > DATE('+300000-01-01')").statusCode(400).body("description", containsString("DATE takes a date"));
        as(readerKey).queryParams(Map.of("filter", "id = 'a'", "filter-lang", "cql3")).when().get(SEARCH).then()
                .statusCode(400).body("description", containsString("filter-lang must be cql2-text or cql2-json"));
        as(readerKey).queryParams(Map.of("filter", "id = 'a'", "filter-crs", "EPSG:4326")).when().get(SEARCH).then()
                .statusCode(400).body("description", containsString("filter-crs must be"));
        ObjectNode body = JSON.createObjectNode();
        body.putObject("filter").put("op", "casei").putArray("args");
        post(body).statusCode(400).body("description", containsString("\"casei\" is not supported"));
        body.putObject("filter").put("op", "=").putArray("args").addObject().put("property", "id");
        post(body).statusCode(400).body("description", containsString("takes 2 operands"));
        body.set("filter", JSON.readTree("""
                {"op": "or", "args": [{"Op": "s_intersects", "args": [{"property": "geometry"}, {"bbox": [0, 0, 1, 1]}]},
                  {"op": "s_intersects", "args": [{"property": "geometry"}, {"bbox": [0, 0, 1, 1]}]}]}"""));
        post(body).statusCode(400).body("description", containsString("a condition is an object with \"op\""));
        body.set("filter", JSON.readTree("{\"op\": \"like\", \"args\": [{\"property\": \"platform\"}, \"%\\\\\"]}"));
        post(body).statusCode(400).body("description", containsString("ends in the escape character"));
    }

    @Test
    void queryablesDescribeWhatAFilterMayName() {
        as(readerKey).when().get(BASE + "/queryables").then().statusCode(200)
                .contentType(startsWith("application/schema+json"))
                .body("$schema", equalTo("https://json-schema.org/draft/2019-09/schema"))
                .body("properties.datetime.format", equalTo("date-time"))
                .body("properties.'geoingest:source_type'.enum", hasItem("SAR"))
                .body("additionalProperties", equalTo(true));
        as(readerKey).when().get(BASE + "/collections/{c}/queryables", scenes).then().statusCode(200)
                .body("$id", containsString("/collections/" + scenes + "/queryables"))
                .body("properties.datetime.format", equalTo("date-time"))
                .body("properties.'eo:cloud_cover'.type", equalTo(List.of("integer", "string")))
                .body("properties.platform.type", equalTo("string"))
                .body("properties.flag.type", equalTo("boolean"))
                .body("properties.acquired.type", equalTo("string"));
        as(readerKey).when().get(BASE + "/collections/{c}/queryables", "no-such-collection").then().statusCode(404);
        as(readerKey).when().get(BASE + "/").then().statusCode(200)
                .body("links.find { it.rel == 'http://www.opengis.net/def/rel/ogc/1.0/queryables' }.type",
                        equalTo("application/schema+json"))
                .body("conformsTo", hasItem("https://api.stacspec.org/v1.0.0-rc.3/item-search#filter"))
                .body("conformsTo", hasItem("http://www.opengis.net/spec/cql2/1.0/conf/cql2-text"));
        as(readerKey).when().get(BASE + "/collections/{c}", scenes).then().statusCode(200)
                .body("links.rel", hasItem("http://www.opengis.net/def/rel/ogc/1.0/queryables"));
    }
}
