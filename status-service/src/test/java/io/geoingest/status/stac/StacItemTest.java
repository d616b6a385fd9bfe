package io.geoingest.status.stac;

import static io.geoingest.status.stac.ConditionalRequests.assertNotModifiedWhileTagged;
import static io.geoingest.status.stac.ConditionalRequests.assertOneStrongTagFromEveryOrigin;
import static io.geoingest.status.stac.ConditionalRequests.assertPreconditionFailed;
import static io.geoingest.status.stac.ConditionalRequests.deleteIf;
import static io.geoingest.status.stac.ConditionalRequests.etag;
import static io.geoingest.status.stac.ConditionalRequests.putIf;
import static io.geoingest.status.stac.StacFixtures.ITEM;
import static io.geoingest.status.stac.StacFixtures.ITEMS;
import static io.geoingest.status.stac.StacFixtures.as;
import static io.geoingest.status.stac.StacFixtures.box;
import static io.geoingest.status.stac.StacFixtures.createCollection;
import static io.geoingest.status.stac.StacFixtures.createItem;
import static io.geoingest.status.stac.StacFixtures.item;
import static io.geoingest.status.stac.StacFixtures.itemSpanning;
import static io.geoingest.status.stac.StacFixtures.point;
import static io.geoingest.status.stac.StacFixtures.polygon;
import static io.geoingest.status.stac.StacFixtures.put;
import static io.geoingest.status.stac.StacFixtures.uniqueId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.testing.OpenTransaction;
import io.geoingest.common.stac.StacItemId;
import io.geoingest.common.stac.StacItem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StacItemTest {
    private final String writerKey = TestApiKeys.uploader("writer-" + UUID.randomUUID());
    private final String readerKey = TestApiKeys.create("reader-" + UUID.randomUUID());
    private String collectionId;

    @BeforeEach
    void createCollectionOfThisTest() {
        collectionId = uniqueId("items");
        createCollection(writerKey, collectionId);
    }

    @Test
    void putCreatesAFeatureWithItsBboxThenReplacesIt() {
        ObjectNode scene = item("scene-1", polygon(7, 46, 8.5, 46.2, 8, 47.1, 6.9, 46.5), "2024-05-01T10:30:00+02:00");
        ((ObjectNode) scene.get("properties")).put("platform", "sentinel-1a");

        put(writerKey, scene, ITEM, collectionId, "scene-1")
                .statusCode(201)
                .contentType(containsString("json"))
                .header("Location", endsWith("/api/stac/v1/collections/" + collectionId + "/items/scene-1"))
                .body("type", equalTo("Feature"))
                .body("stac_version", equalTo("1.0.0"))
                .body("id", equalTo("scene-1"))
                .body("collection", equalTo(collectionId))
                .body("geometry.type", equalTo("Polygon"))
                .body("bbox", equalTo(List.of(6.9f, 46f, 8.5f, 47.1f)))
                .body("properties.datetime", equalTo("2024-05-01T08:30:00Z"))
                .body("properties.platform", equalTo("sentinel-1a"))
                .body("properties.created", notNullValue())
                .body("links.rel", hasItems("self", "root", "parent", "collection"))
                .body("assets", anEmptyMap());

        put(writerKey, item("scene-1", point(7.5, 46.5), "2024-05-02T00:00:00Z"), ITEM, collectionId, "scene-1")
                .statusCode(200)
                .body("bbox", equalTo(List.of(7.5f, 46.5f, 7.5f, 46.5f)));

        as(readerKey).when().get(ITEM, collectionId, "scene-1").then()
                .statusCode(200)
                .body("geometry.type", equalTo("Point"))
                .body("properties.datetime", equalTo("2024-05-02T00:00:00Z"))
                .body("properties", not(hasKey("platform")));
    }

    /** STAC API Transactions: a POST to the items creates one, named by its id, and never replaces one. */
    @Test
    void postCreatesAnItemNamedByItsIdAndRefusesOneThatExists() {
        ObjectNode scene = item("posted", point(7.5, 46.5), "2024-05-01T10:30:00Z");
        as(writerKey).contentType("application/geo+json").body(scene.toString()).when().post(ITEMS, collectionId).then()
                .statusCode(201)
                .header("Location", endsWith("/api/stac/v1/collections/" + collectionId + "/items/posted"))
                .header("ETag", notNullValue())
                .body("id", equalTo("posted"))
                .body("bbox", equalTo(List.of(7.5f, 46.5f, 7.5f, 46.5f)));
        as(readerKey).when().get(ITEM, collectionId, "posted").then().statusCode(200).body("collection", equalTo(collectionId));

        ObjectNode again = item("posted", point(8, 47), "2025-01-01T00:00:00Z");
        as(writerKey).contentType(ContentType.JSON).body(again.toString()).when().post(ITEMS, collectionId).then()
                .statusCode(409).body("description", containsString("already exists"));
        as(readerKey).when().get(ITEM, collectionId, "posted").then().statusCode(200)
                .body("properties.datetime", equalTo("2024-05-01T10:30:00Z"));

        ObjectNode noId = item("x", point(8, 47), "2025-01-01T00:00:00Z");
        noId.remove("id");
        as(writerKey).contentType(ContentType.JSON).body(noId.toString()).when().post(ITEMS, collectionId).then()
                .statusCode(400).body("description", containsString("id is required"));
        as(writerKey).contentType(ContentType.JSON).body("{\"type\": \"FeatureCollection\", \"features\": []}")
                .when().post(ITEMS, collectionId).then()
                .statusCode(400).body("description", containsString("One item per request"));
        as(writerKey).contentType(ContentType.JSON).body(scene.toString()).when().post(ITEMS, "no-such-collection")
                .then().statusCode(404);
        as(readerKey).contentType(ContentType.JSON).body(item("r", point(8, 47), "2025-01-01T00:00:00Z").toString())
                .when().post(ITEMS, collectionId).then().statusCode(403);
    }

    /**
     * A POST's assets are created with the item, as a loader of a static catalog sends them: they
     * were dropped without a word. One that a PUT of it would refuse (a relative href) refuses the
     * whole item, which is then not created.
     */
    @Test
    void postCreatesTheAssetsOfItsBodyWithTheItem() {
        ObjectNode scene = item("with-assets", point(7.5, 46.5), "2024-05-01T10:30:00Z");
        scene.putObject("assets").putObject("visual").put("href", "https://data.example.org/visual.tif")
                .put("type", "image/tiff; application=geotiff").putArray("roles").add("visual");
        as(writerKey).contentType(ContentType.JSON).body(scene.toString()).when().post(ITEMS, collectionId).then()
                .statusCode(201)
                .body("assets.visual.href", equalTo("https://data.example.org/visual.tif"));
        as(readerKey).when().get(ITEM, collectionId, "with-assets").then().statusCode(200)
                .body("assets.visual.href", equalTo("https://data.example.org/visual.tif"))
                .body("assets.visual.roles", equalTo(List.of("visual")));

        ObjectNode relative = item("relative-asset", point(7.5, 46.5), "2024-05-01T10:30:00Z");
        relative.putObject("assets").putObject("data").put("href", "./data.tif");
        as(writerKey).contentType(ContentType.JSON).body(relative.toString()).when().post(ITEMS, collectionId).then()
                .statusCode(400).body("description", containsString("href must be an absolute http or https URL"));
        as(readerKey).when().get(ITEM, collectionId, "relative-asset").then().statusCode(404);
    }

    @Test
    void itemSpanningATimeHasANullDatetimeWithStartAndEnd() {
        createItem(writerKey, collectionId, itemSpanning("season", box(7, 46, 8, 47),
                "2024-06-01T00:00:00Z", "2024-08-31T23:59:59Z"));

        as(readerKey).when().get(ITEM, collectionId, "season").then()
                .statusCode(200)
                .body("properties", hasKey("datetime"))
                .body("properties.datetime", nullValue())
                .body("properties.start_datetime", equalTo("2024-06-01T00:00:00Z"))
                .body("properties.end_datetime", equalTo("2024-08-31T23:59:59Z"));
    }

    @Test
    void extensionsAndLinksOfTheClientAreKeptButNotItsGeneratedOnes() {
        ObjectNode scene = item("scene-ext", point(7, 46), "2024-05-01T00:00:00Z");
        scene.putArray("stac_extensions").add("https://stac-extensions.github.io/sar/v1.0.0/schema.json");
        scene.putArray("links")
                .add(scene.objectNode().put("rel", "license").put("href", "https://example.org/licence"))
                .add(scene.objectNode().put("rel", "self").put("href", "https://elsewhere.example.org/scene"));
        ((ObjectNode) scene.get("properties")).put("sar:instrument_mode", "IW");

        put(writerKey, scene, ITEM, collectionId, "scene-ext").statusCode(201);

        JsonPath stored = as(readerKey).when().get(ITEM, collectionId, "scene-ext").then()
                .statusCode(200)
                .body("stac_extensions", equalTo(List.of("https://stac-extensions.github.io/sar/v1.0.0/schema.json")))
                .body("properties.'sar:instrument_mode'", equalTo("IW"))
                .body("links.find { it.rel == 'license' }.href", equalTo("https://example.org/licence"))
                .extract().jsonPath();
        assertEquals(1, stored.getList("links.findAll { it.rel == 'self' }").size());
        assertEquals(List.of(), stored.getList("links.findAll { it.href.startsWith('https://elsewhere') }"));
    }

    @Test
    void invalidGeometriesAreBadRequests() throws JsonProcessingException {
        ObjectNode bowTie = item("bow-tie", polygon(0, 0, 2, 2, 2, 0, 0, 2), "2024-05-01T00:00:00Z");
        put(writerKey, bowTie, ITEM, collectionId, "bow-tie")
                .statusCode(400)
                .body("code", equalTo(400))
                .body("description", containsString("geometry is not a valid geometry"));

        ObjectNode unclosed = item("unclosed", point(0, 0), "2024-05-01T00:00:00Z");
        unclosed.putObject("geometry").put("type", "Polygon").putArray("coordinates").addArray()
                .add(unclosed.arrayNode().add(0).add(0)).add(unclosed.arrayNode().add(1).add(0));
        put(writerKey, unclosed, ITEM, collectionId, "unclosed")
                .statusCode(400).body("description", containsString("geometry"));

        ObjectNode malformed = item("malformed", point(0, 0), "2024-05-01T00:00:00Z");
        ((ObjectNode) malformed.get("geometry")).put("coordinates", "here");
        put(writerKey, malformed, ITEM, collectionId, "malformed")
                .statusCode(400).body("description", containsString("geometry"));

        put(writerKey, item("unknown-type", point(0, 0).put("type", "Circle"), "2024-05-01T00:00:00Z"),
                ITEM, collectionId, "unknown-type")
                .statusCode(400).body("description", containsString("geometry.type"));

        put(writerKey, item("off-earth", point(200, 10), "2024-05-01T00:00:00Z"), ITEM, collectionId, "off-earth")
                .statusCode(400).body("description", containsString("longitude"));

        ObjectNode noLatitude = item("no-latitude", point(0, 0), "2024-05-01T00:00:00Z");
        noLatitude.putObject("geometry").put("type", "Point").putArray("coordinates").add(7);
        put(writerKey, noLatitude, ITEM, collectionId, "no-latitude")
                .statusCode(400).body("description", containsString("geometry is not a valid GeoJSON Point"));

        for (String madeUp : List.of("{\"type\": \"MultiPoint\", \"coordinates\": [[]]}",
                "{\"type\": \"MultiPoint\", \"coordinates\": [[], [7.5, 46.5]]}",
                "{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], []]}",
                "{\"type\": \"MultiPolygon\", \"coordinates\": [[]]}",
                "{\"type\": \"LineString\", \"coordinates\": [[0, 0], [1, \"north\"]]}")) {
            ObjectNode item = item("made-up", point(0, 0), "2024-05-01T00:00:00Z");
            item.set("geometry", StacFixtures.JSON.readTree(madeUp));
            put(writerKey, item, ITEM, collectionId, "made-up")
                    .statusCode(400).body("description", startsWith("geometry is not a valid GeoJSON"));
        }

        given().header("X-API-KEY", writerKey).contentType(ContentType.JSON)
                .body(item("trailing", point(0, 0), "2024-05-01T00:00:00Z") + " {\"oops\": ")
                .when().put(ITEM, collectionId, "trailing").then()
                .statusCode(400).body("code", equalTo(400));

        ObjectNode withoutGeometry = item("no-geometry", point(0, 0), "2024-05-01T00:00:00Z");
        withoutGeometry.remove("geometry");
        put(writerKey, withoutGeometry, ITEM, collectionId, "no-geometry")
                .statusCode(400).body("description", containsString("geometry is required"));
        ObjectNode nonsense = item("geometry-text", point(0, 0), "2024-05-01T00:00:00Z");
        nonsense.put("geometry", "somewhere");
        put(writerKey, nonsense, ITEM, collectionId, "geometry-text").statusCode(400).body("description", containsString("geometry"));

        as(readerKey).queryParam("limit", 10).when().get(ITEMS, collectionId).then()
                .body("features", equalTo(List.of()));
    }

    @Test
    void datetimeIsRequiredAndMustBeRfc3339() {
        ObjectNode withoutDatetime = item("undated", point(7, 46), null);
        put(writerKey, withoutDatetime, ITEM, collectionId, "undated")
                .statusCode(400)
                .body("description", containsString("properties.datetime is required"));

        ObjectNode onlyStart = itemSpanning("half-open", point(7, 46), "2024-01-01T00:00:00Z", null);
        put(writerKey, onlyStart, ITEM, collectionId, "half-open")
                .statusCode(400).body("description", containsString("properties.datetime is required"));

        put(writerKey, item("yesterday", point(7, 46), "yesterday"), ITEM, collectionId, "yesterday")
                .statusCode(400).body("description", containsString("properties.datetime must be an RFC 3339 date-time"));
        for (String beyondFourDigits : List.of("-5000-01-01T00:00:00Z", "+300000-01-01T00:00:00Z")) {
            put(writerKey, item("far", point(7, 46), beyondFourDigits), ITEM, collectionId, "far")
                    .statusCode(400).body("description", containsString("properties.datetime must be an RFC 3339 date-time"));
        }

        put(writerKey, itemSpanning("backwards", point(7, 46), "2024-02-01T00:00:00Z", "2024-01-01T00:00:00Z"),
                ITEM, collectionId, "backwards")
                .statusCode(400).body("description", containsString("start_datetime"));
    }

    @Test
    void idsInTheBodyMustMatchThePath() {
        put(writerKey, item("other-id", point(7, 46), "2024-05-01T00:00:00Z"), ITEM, collectionId, "scene")
                .statusCode(400)
                .body("description", containsString("id in the body (other-id) does not match the path (scene)"));

        ObjectNode wrongCollection = item("scene", point(7, 46), "2024-05-01T00:00:00Z").put("collection", "another");
        put(writerKey, wrongCollection, ITEM, collectionId, "scene")
                .statusCode(400).body("description", containsString("collection in the body"));

        as(readerKey).when().get(ITEM, collectionId, "scene").then().statusCode(404);
    }

    @Test
    void missingCollectionAndItemAreNotFound() {
        put(writerKey, item("scene", point(7, 46), "2024-05-01T00:00:00Z"), ITEM, "no-such-collection", "scene")
                .statusCode(404).body("description", equalTo("Collection not found"));
        as(readerKey).when().get(ITEMS, "no-such-collection").then()
                .statusCode(404).body("description", equalTo("Collection not found"));
        as(readerKey).when().get(ITEM, collectionId, "no-such-item").then()
                .statusCode(404).body("code", equalTo(404)).body("description", equalTo("Item not found"));
    }

    @Test
    void deleteRemovesTheItemOnce() {
        createItem(writerKey, collectionId, item("short-lived", point(7, 46), "2024-05-01T00:00:00Z"));

        as(writerKey).when().delete(ITEM, collectionId, "short-lived").then().statusCode(204);

        as(readerKey).when().get(ITEM, collectionId, "short-lived").then().statusCode(404);
        as(writerKey).when().delete(ITEM, collectionId, "short-lived").then()
                .statusCode(404).body("description", equalTo("Item not found"));
    }

    @Test
    void itemsArePagedWithNextLinksInIdOrder() {
        List<String> ids = List.of("a-1", "a-2", "a-3", "a-4", "a-5");
        ids.forEach(id -> createItem(writerKey, collectionId, item(id, point(7, 46), "2024-05-01T00:00:00Z")));

        List<String> seen = new ArrayList<>();
        String next = "/api/stac/v1/collections/" + collectionId + "/items?limit=2";
        int pages = 0;
        while (next != null) {
            JsonPath page = as(readerKey).when().get(next).then()
                    .statusCode(200)
                    .body("type", equalTo("FeatureCollection"))
                    .extract().jsonPath();
            assertEquals(page.getList("features").size(), page.getInt("numberReturned"));
            seen.addAll(page.getList("features.id"));
            next = page.getString("links.find { it.rel == 'next' }.href");
            pages++;
        }

        assertEquals(ids, seen);
        assertEquals(3, pages);
    }

    /** A damaged or made-up cursor would otherwise read as a page past the end: no items, no next link. */
    @Test
    void aCursorTheServiceDidNotMakeIsRefused() {
        createItem(writerKey, collectionId, item("scene", point(7, 46), "2024-05-01T00:00:00Z"));

        for (String cursor : List.of("garbage", "enp6", "%%%")) {
            as(readerKey).queryParam("cursor", cursor).when().get(ITEMS, collectionId).then()
                    .statusCode(400)
                    .body("code", equalTo(400))
                    .body("description", containsString("cursor is not valid"));
        }
    }

    @Test
    void aLimitOverTheMaximumIsServedAsTheMaximum() {
        createItem(writerKey, collectionId, item("scene", point(7, 46), "2024-05-01T00:00:00Z"));

        as(readerKey).queryParam("limit", "1001").when().get(ITEMS, collectionId).then()
                .statusCode(200)
                .body("features.id", equalTo(List.of("scene")))
                .body("context.limit", equalTo(1000));
    }

    @Test
    void datesBeforeTheGregorianCalendarAreKeptAsGiven() {
        createItem(writerKey, collectionId, item("tycho", point(12.7, 55.9), "1500-06-15T00:00:00Z"));

        as(readerKey).when().get(ITEM, collectionId, "tycho").then()
                .statusCode(200).body("properties.datetime", equalTo("1500-06-15T00:00:00Z"));
        as(readerKey).queryParam("datetime", "1500-06-15T00:00:00Z").when().get(ITEMS, collectionId).then()
                .statusCode(200).body("features.id", equalTo(List.of("tycho")));
    }

    @Test
    void fractionsBelowAMicrosecondAreCutNotRoundedIntoTheNextYear() {
        createItem(writerKey, collectionId, item("last-instant", point(7, 46), "2024-12-31T23:59:59.9999996Z"));

        as(readerKey).when().get(ITEM, collectionId, "last-instant").then()
                .statusCode(200).body("properties.datetime", equalTo("2024-12-31T23:59:59.999999Z"));
        as(readerKey).queryParam("datetime", "2025-01-01T00:00:00Z/..").when().get(ITEMS, collectionId).then()
                .statusCode(200).body("features", equalTo(List.of()));
        as(readerKey).queryParam("datetime", "2024-01-01T00:00:00Z/2024-12-31T23:59:59.9999999Z").when()
                .get(ITEMS, collectionId).then()
                .statusCode(200).body("features.id", equalTo(List.of("last-instant")));
    }

    /** Bern and Lausanne lie within 6.5,46.3,7.6,47.1, Lugano south-east of it; Lausanne alone is from March. */
    private void createSwissTowns() {
        createItem(writerKey, collectionId, item("bern", point(7.44, 46.95), "2024-01-10T00:00:00Z"));
        createItem(writerKey, collectionId, item("lausanne", point(6.63, 46.52), "2024-03-10T00:00:00Z"));
        createItem(writerKey, collectionId, item("lugano", point(8.95, 46.0), "2024-01-20T00:00:00Z"));
    }

    @Test
    void itemsOfACollectionCanBeFilteredByBboxAndDatetime() {
        createSwissTowns();

        as(readerKey).queryParam("bbox", "6.5,46.3,7.6,47.1").when().get(ITEMS, collectionId).then()
                .statusCode(200).body("features.id", equalTo(List.of("bern", "lausanne")));
        as(readerKey).queryParam("datetime", "2024-01-01T00:00:00Z/2024-01-31T23:59:59Z").when().get(ITEMS, collectionId)
                .then().statusCode(200).body("features.id", equalTo(List.of("bern", "lugano")));
        as(readerKey).queryParam("bbox", "6.5,46.3,7.6,47.1").queryParam("datetime", "2024-02-01T00:00:00Z/..")
                .when().get(ITEMS, collectionId).then().body("features.id", equalTo(List.of("lausanne")));
        as(readerKey).queryParam("bbox", "6.5,46.3").when().get(ITEMS, collectionId).then()
                .statusCode(400).body("description", containsString("bbox"));
    }

    /** The filters of a search but collections, which the path gives; used to come back unfiltered. */
    @Test
    void itemsOfACollectionCanBeFilteredByIdsAndIntersects() {
        createSwissTowns();

        as(readerKey).queryParam("ids", "lugano,bern").when().get(ITEMS, collectionId).then()
                .statusCode(200).body("features.id", equalTo(List.of("bern", "lugano")));
        as(readerKey).queryParam("intersects", box(6.5, 46.3, 7.6, 47.1).toString()).when().get(ITEMS, collectionId)
                .then().statusCode(200).body("features.id", equalTo(List.of("bern", "lausanne")));
        for (String parameter : List.of("q", "collections")) {
            as(readerKey).queryParam(parameter, "id").when().get(ITEMS, collectionId).then()
                    .statusCode(400)
                    .body("code", equalTo(400))
                    .body("description", containsString("Unsupported parameter(s): " + parameter));
        }
        as(readerKey).queryParam("ids", "\u0000").when().get(ITEMS, collectionId).then()
                .statusCode(400).body("description", containsString("ids"));
        as(readerKey).queryParam("_", "1718000000000").when().get(ITEMS, collectionId).then()
                .statusCode(200).body("features.id", equalTo(List.of("bern", "lausanne", "lugano")));
    }

    @Test
    void anItemWithoutALocationHasANullGeometryAndNoBboxAndIsLeftOutOfSpatialSearches() {
        ObjectNode table = item("survey-table", point(0, 0), "2024-05-01T00:00:00Z");
        table.putNull("geometry");
        put(writerKey, table, ITEM, collectionId, "survey-table")
                .statusCode(201)
                .body("$", hasKey("geometry"))
                .body("geometry", nullValue())
                .body("$", not(hasKey("bbox")));
        createItem(writerKey, collectionId, item("bern", point(7.44, 46.95), "2024-05-01T00:00:00Z"));

        as(readerKey).when().get(ITEMS, collectionId).then()
                .statusCode(200).body("features.id", equalTo(List.of("bern", "survey-table")));
        as(readerKey).queryParam("bbox", "-180,-90,180,90").when().get(ITEMS, collectionId).then()
                .statusCode(200).body("features.id", equalTo(List.of("bern")));
    }

    @Test
    void writesNeedFilesAdminOrFilesUploadAndReadsNothing() {
        put(readerKey, item("scene", point(7, 46), "2024-05-01T00:00:00Z"), ITEM, collectionId, "scene")
                .statusCode(403).body("code", equalTo(403));
        createItem(writerKey, collectionId, item("scene", point(7, 46), "2024-05-01T00:00:00Z"));
        as(readerKey).when().delete(ITEM, collectionId, "scene").then().statusCode(403);

        given().when().get(ITEM, collectionId, "scene").then().statusCode(200).body("id", equalTo("scene"));
        given().contentType(ContentType.JSON).body("{}").when().put(ITEM, collectionId, "scene").then()
                .statusCode(401).body("code", equalTo(401));
        as(readerKey).when().get(ITEM, collectionId, "scene").then().statusCode(200);
    }

    /** The second of two removals of one item at once finds it gone (404), not a 500. */
    @Test
    void anItemRemovedWhileAnotherRemovalIsUnderWayIsNotFound() throws Exception {
        createItem(writerKey, collectionId, item("scene", point(7, 46), "2024-05-01T00:00:00Z"));

        int status = OpenTransaction.whileOpen(
                () -> StacItem.deleteById(new StacItemId(collectionId, "scene")),
                () -> as(writerKey).when().delete(ITEM, collectionId, "scene").then().extract().statusCode());

        assertEquals(404, status);
    }

    /** A PUT of an item that another request removes meanwhile is a conflict to retry, not a 500. */
    @Test
    void anItemReplacedWhileItIsBeingRemovedIsAConflictToRetry() throws Exception {
        createItem(writerKey, collectionId, item("scene", point(7, 46), "2024-05-01T00:00:00Z"));

        int status = OpenTransaction.whileOpen(
                () -> StacItem.deleteById(new StacItemId(collectionId, "scene")),
                () -> put(writerKey, item("scene", point(8, 47), "2024-05-02T00:00:00Z"), ITEM, collectionId, "scene")
                        .extract().statusCode());

        assertEquals(409, status);
        put(writerKey, item("scene", point(8, 47), "2024-05-02T00:00:00Z"), ITEM, collectionId, "scene").statusCode(201);
    }

    /**
     * A number beyond the range of a double (1e400) would be stored as the text "Infinity", and a
     * lone UTF-16 surrogate as "?": a document that cannot be kept as sent is refused, not changed.
     */
    @Test
    void aDocumentThatCannotBeStoredAsSentIsRefused() {
        String geometryAndTime = "\"geometry\": {\"type\": \"Point\", \"coordinates\": [7, 46]},"
                + " \"properties\": {\"datetime\": \"2024-05-01T00:00:00Z\"";
        for (String body : List.of(
                "{\"type\": \"Feature\", " + geometryAndTime + ", \"cloud_cover\": 1e400}}",
                "{\"type\": \"Feature\", " + geometryAndTime + "}, \"extra\": [-1e400]}",
                "{\"type\": \"Feature\", " + geometryAndTime + ", \"title\": \"\\ud800\"}}")) {
            as(writerKey).contentType(ContentType.JSON).body(body).when().put(ITEM, collectionId, "scene").then()
                    .statusCode(400)
                    .body("code", equalTo(400))
                    .body("description", containsString("cannot be stored as sent"));
        }
        as(readerKey).when().get(ITEM, collectionId, "scene").then().statusCode(404);
        as(writerKey).contentType(ContentType.JSON)
                .body("{\"type\": \"Feature\", " + geometryAndTime + ", \"cloud_cover\": 1e300, \"title\": \"\\ud83d\\ude00\"}}")
                .when().put(ITEM, collectionId, "scene").then()
                .statusCode(201)
                .body("properties.title", equalTo("\ud83d\ude00"));
    }

    /** The item "scene" as a client writes it, at (x, y). */
    private static ObjectNode sceneAt(double x, double y) {
        return item("scene", point(x, y), "2024-05-01T00:00:00Z");
    }

    /** The ETags of an item: as a client read it, and as another client's write left it since. */
    private record Tags(String read, String current) {
    }

    private Tags sceneCreatedThenReplaced() {
        String created = put(writerKey, sceneAt(7, 46), ITEM, collectionId, "scene").statusCode(201).extract().header("ETag");
        String replaced = put(writerKey, sceneAt(8, 47), ITEM, collectionId, "scene").statusCode(200).extract().header("ETag");
        return new Tags(created, replaced);
    }

    @Test
    void anItemHasOneETagFromEveryOriginThatChangesWhenItIsReplaced() {
        String created = put(writerKey, sceneAt(7, 46), ITEM, collectionId, "scene").statusCode(201).extract().header("ETag");
        String tag = assertOneStrongTagFromEveryOrigin(readerKey, ITEM, collectionId, "scene");
        assertEquals(created, tag);
        assertNotModifiedWhileTagged(readerKey, tag, ITEM, collectionId, "scene");

        String replaced = put(writerKey, sceneAt(8, 47), ITEM, collectionId, "scene").statusCode(200).extract().header("ETag");

        assertNotEquals(tag, replaced);
        assertEquals(replaced, etag(readerKey, ITEM, collectionId, "scene"));
        as(readerKey).header("If-None-Match", tag).when().get(ITEM, collectionId, "scene").then()
                .statusCode(200).header("ETag", replaced);
    }

    /** A client that PUTs back what it read, on the ETag it read, does not undo a change made since. */
    @Test
    void aPutOnAStaleIfMatchIsRefusedAndChangesNothing() {
        Tags tags = sceneCreatedThenReplaced();

        assertPreconditionFailed(putIf(writerKey, "If-Match", tags.read(), sceneAt(9, 48), ITEM, collectionId, "scene"));

        as(readerKey).when().get(ITEM, collectionId, "scene").then()
                .statusCode(200).header("ETag", tags.current()).body("geometry.coordinates", equalTo(List.of(8f, 47f)));
        assertPreconditionFailed(as(readerKey).header("If-Match", tags.read()).when().get(ITEM, collectionId, "scene").then());
        String next = putIf(writerKey, "If-Match", ConditionalRequests.NO_DOCUMENTS_TAG + ", " + tags.current(),
                sceneAt(9, 48), ITEM, collectionId, "scene")
                .statusCode(200).body("geometry.coordinates", equalTo(List.of(9f, 48f))).extract().header("ETag");
        assertNotEquals(tags.current(), next);
        assertEquals(next, etag(readerKey, ITEM, collectionId, "scene"));
        putIf(writerKey, "If-Match", "*", sceneAt(7, 46), ITEM, collectionId, "scene").statusCode(200);
    }

    @Test
    void ifNoneMatchAnyCreatesAnItemButNeverReplacesOne() {
        putIf(writerKey, "If-None-Match", "*", sceneAt(7, 46), ITEM, collectionId, "scene")
                .statusCode(201).header("ETag", notNullValue());

        assertPreconditionFailed(putIf(writerKey, "If-None-Match", "*", sceneAt(8, 47), ITEM, collectionId, "scene"));

        as(readerKey).when().get(ITEM, collectionId, "scene").then()
                .statusCode(200).body("geometry.coordinates", equalTo(List.of(7f, 46f)));
    }

    /** If-Match is false for a document that does not exist (RFC 9110 §13.1.1): the PUT creates nothing. */
    @Test
    void ifMatchOnAnItemThatDoesNotExistIsRefusedNotACreation() {
        assertPreconditionFailed(putIf(writerKey, "If-Match", "*", sceneAt(7, 46), ITEM, collectionId, "scene"));

        as(readerKey).when().get(ITEM, collectionId, "scene").then().statusCode(404);
    }

    @Test
    void aDeleteOnAStaleIfMatchIsRefusedAndTheItemStays() {
        Tags tags = sceneCreatedThenReplaced();

        assertPreconditionFailed(deleteIf(writerKey, "If-Match", tags.read(), ITEM, collectionId, "scene"));
        assertPreconditionFailed(deleteIf(writerKey, "If-None-Match", "*", ITEM, collectionId, "scene"));

        as(readerKey).when().get(ITEM, collectionId, "scene").then().statusCode(200).header("ETag", tags.current());
        deleteIf(writerKey, "If-Match", tags.current(), ITEM, collectionId, "scene").statusCode(204);
        // without a document the DELETE would be a 404, and so it is with conditions (RFC 9110 §13.2.1)
        deleteIf(writerKey, "If-Match", tags.current(), ITEM, collectionId, "scene")
                .statusCode(404).body("description", equalTo("Item not found"));
    }

    /**
     * Clients that read the item, change it and PUT it back on the ETag they read, all at once:
     * one of them writes, the others are refused rather than overwriting its change unseen.
     */
    @Test
    void ofPutsSentAtOnceOnTheSameIfMatchExactlyOneWrites() throws Exception {
        createItem(writerKey, collectionId, sceneAt(7, 46));
        String read = etag(readerKey, ITEM, collectionId, "scene");
        int clients = 4;
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                ObjectNode change = sceneAt(7, 46);
                ((ObjectNode) change.get("properties")).put("edited_by", "client " + client);
                answers.add(threads.submit(() -> {
                    start.await();
                    return putIf(writerKey, "If-Match", read, change, ITEM, collectionId, "scene").extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
            statuses.sort(null);
            assertEquals(List.of(200, 412, 412, 412), statuses);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * The same race staged: a PUT on If-Match sent while another write of the item is under way
     * waits for it, and then holds its condition against what that write left, not what it read.
     */
    @Test
    void anIfMatchIsHeldAgainstTheItemAsAWriteUnderWayLeavesIt() throws Exception {
        createItem(writerKey, collectionId, sceneAt(7, 46));
        String read = etag(readerKey, ITEM, collectionId, "scene");

        int status = OpenTransaction.whileOpen(() -> {
            StacItem item = StacItem.findById(new StacItemId(collectionId, "scene"));
            item.properties = StacFixtures.JSON.createObjectNode().put("edited_by", "another client");
            item.updatedAt = Instant.now();
        }, () -> putIf(writerKey, "If-Match", read, sceneAt(8, 47), ITEM, collectionId, "scene").extract().statusCode());

        assertEquals(412, status);
        as(readerKey).when().get(ITEM, collectionId, "scene").then()
                .statusCode(200)
                .body("properties.edited_by", equalTo("another client"))
                .body("geometry.coordinates", equalTo(List.of(7f, 46f)));
    }

    /** An item is a GeoJSON Feature: one read as application/geo+json can be written back as such. */
    @Test
    void anItemMayBeWrittenAsGeoJson() {
        as(writerKey).contentType("application/geo+json")
                .body(item("scene", point(7, 46), "2024-05-01T00:00:00Z").toString())
                .when().put(ITEM, collectionId, "scene").then()
                .statusCode(201)
                .body("id", equalTo("scene"));
    }
}
