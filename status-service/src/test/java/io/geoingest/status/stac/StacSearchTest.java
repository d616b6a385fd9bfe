package io.geoingest.status.stac;

import static io.geoingest.status.stac.StacFixtures.ASSET;
import static io.geoingest.status.stac.StacFixtures.BASE;
import static io.geoingest.status.stac.StacFixtures.ITEM;
import static io.geoingest.status.stac.StacFixtures.JSON;
import static io.geoingest.status.stac.StacFixtures.as;
import static io.geoingest.status.stac.StacFixtures.box;
import static io.geoingest.status.stac.StacFixtures.boxAcrossTheAntimeridian;
import static io.geoingest.status.stac.StacFixtures.createCollection;
import static io.geoingest.status.stac.StacFixtures.createItem;
import static io.geoingest.status.stac.StacFixtures.item;
import static io.geoingest.status.stac.StacFixtures.itemSpanning;
import static io.geoingest.status.stac.StacFixtures.point;
import static io.geoingest.status.stac.StacFixtures.polygon;
import static io.geoingest.status.stac.StacFixtures.put;
import static io.geoingest.status.stac.StacFixtures.uniqueId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.status.stac.item.ItemOrder;
import io.geoingest.status.stac.item.ItemPages;
import io.geoingest.testing.AsDatabaseOwner;
import io.geoingest.testing.TestApiKeys;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StacSearchTest {
    private static final String SEARCH = BASE + "/search";

    private final String writerKey = TestApiKeys.uploader("writer-" + UUID.randomUUID());
    private final String readerKey = TestApiKeys.create("reader-" + UUID.randomUUID());
    private String swiss;
    private String other;

    /**
     * Two collections of this test: Swiss scenes at known places and times, among them an L-shaped
     * footprint whose box covers ground its geometry does not; and one scene elsewhere.
     */
    @BeforeEach
    void createScenes() {
        swiss = uniqueId("swiss");
        other = uniqueId("other");
        createCollection(writerKey, swiss);
        createCollection(writerKey, other);
        createItem(writerKey, swiss, item("bern", point(7.44, 46.95), "2024-01-10T08:00:00Z"));
        createItem(writerKey, swiss, item("geneva", point(6.14, 46.20), "2023-06-01T12:00:00Z"));
        createItem(writerKey, swiss, itemSpanning("zurich", box(8.4, 47.3, 8.6, 47.45),
                "2024-02-01T00:00:00Z", "2024-02-28T23:59:59Z"));
        createItem(writerKey, swiss, item("l-shape", polygon(9, 46, 10, 46, 10, 46.2, 9.2, 46.2, 9.2, 47, 9, 47),
                "2022-01-01T00:00:00Z"));
        createItem(writerKey, other, item("bern", point(7.45, 46.96), "2024-01-11T08:00:00Z"));
    }

    private ValidatableResponse get(Map<String, ?> query) {
        return as(readerKey).queryParams(query).when().get(SEARCH).then();
    }

    private ValidatableResponse post(JsonNode body) {
        return post(readerKey, body);
    }

    private static ValidatableResponse post(String apiKey, JsonNode body) {
        return as(apiKey).contentType(ContentType.JSON).body(body.toString()).when().post(SEARCH).then();
    }

    private List<String> idsGet(Map<String, ?> query) {
        return get(query).statusCode(200).body("type", equalTo("FeatureCollection")).extract().jsonPath()
                .getList("features.id");
    }

    private List<String> idsPost(ObjectNode body) {
        return post(body).statusCode(200).extract().jsonPath().getList("features.id");
    }

    private ObjectNode inSwiss() {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("collections").add(swiss);
        return body;
    }

    @Test
    void searchByBbox() {
        assertEquals(List.of("bern"), idsGet(Map.of("collections", swiss, "bbox", "7.3,46.9,7.5,47.0")));
        assertEquals(List.of("bern", "geneva", "l-shape", "zurich"), idsGet(Map.of("collections", swiss, "bbox", "5,45,11,48")));
        ObjectNode body = inSwiss();
        body.putArray("bbox").add(8.5).add(47.4).add(9.1).add(47.5);
        assertEquals(List.of("zurich"), idsPost(body));
    }

    /** Coordinates as people and tools write them; Java's other number forms are no coordinates. */
    @Test
    void bboxNumbersAreDecimalsAsWrittenNotJavaLiterals() {
        assertEquals(List.of("bern"), idsGet(Map.of("collections", swiss, "bbox", "+7.3, 46.9,7.5e0 ,47.")));
        assertEquals(List.of("bern", "geneva", "l-shape", "zurich"), idsGet(Map.of("collections", swiss, "bbox", "5,45,11,48.0")));
        for (String bbox : new String[] {"0x1p3,46,10,47", "7d,46,10,47", "7,46,10,47f", "NaN,46,10,47", "7,46,Infinity,47",
                "7,46,10,4_7", "7,,10,47"}) {
            get(Map.of("bbox", bbox)).statusCode(400).body("description", containsString("bbox must be four numbers"));
        }
    }

    /**
     * Items are 2D: a height range does not exclude them (their height is unknown, not 0), but a
     * reversed one is refused as reversed latitudes are.
     */
    @Test
    void aBboxWithHeightsMatchesByFootprintAndItsHeightsMustBeInOrder() {
        assertEquals(List.of("bern"), idsGet(Map.of("collections", swiss, "bbox", "7.3,46.9,500,7.5,47.0,600")));
        ObjectNode body = inSwiss();
        body.putArray("bbox").add(8.5).add(47.4).add(400).add(9.1).add(47.5).add(4000);
        assertEquals(List.of("zurich"), idsPost(body));

        get(Map.of("bbox", "7,46,10,8,47,5")).statusCode(400).body("description", containsString("height"));
        ObjectNode reversed = JSON.createObjectNode();
        reversed.putArray("bbox").add(7).add(46).add(10).add(8).add(47).add(5);
        post(reversed).statusCode(400).body("description", containsString("height"));
    }

    @Test
    void bboxMatchesTheGeometryNotOnlyItsBox() {
        assertEquals(List.of(), idsGet(Map.of("collections", swiss, "bbox", "9.5,46.5,9.9,46.9")));
        assertEquals(List.of("l-shape"), idsGet(Map.of("collections", swiss, "bbox", "9.05,46.5,9.1,46.6")));
    }

    /**
     * An item across the antimeridian (Fiji, split there) has its box across it, and is found by
     * boxes on either side of it and across it, and by no box elsewhere on its latitudes.
     */
    @Test
    void anItemAcrossTheAntimeridianIsFoundOnEitherSideOfItAndNowhereElse() {
        String pacific = uniqueId("pacific");
        createCollection(writerKey, pacific);
        createItem(writerKey, pacific, item("fiji", boxAcrossTheAntimeridian(177, -20, -178, -16), "2024-03-01T00:00:00Z"));
        createItem(writerKey, pacific, item("samoa", point(-172, -13.8), "2024-03-01T00:00:00Z"));
        createItem(writerKey, pacific, item("tonga-west", point(-175.2, -21.1), "2024-03-01T00:00:00Z"));

        as(readerKey).when().get(ITEM, pacific, "fiji").then().statusCode(200)
                .body("bbox", equalTo(List.of(177f, -20f, -178f, -16f)));
        assertEquals(List.of("fiji"), idsGet(Map.of("collections", pacific, "bbox", "178,-19,179,-17")));
        assertEquals(List.of("fiji"), idsGet(Map.of("collections", pacific, "bbox", "-179,-19,-178.5,-17")));
        assertEquals(List.of("fiji", "samoa"), idsGet(Map.of("collections", pacific, "bbox", "179,-20,-170,-13")));
        assertEquals(List.of(), idsGet(Map.of("collections", pacific, "bbox", "0,-20,10,-16")));
        ObjectNode acrossFromTheEast = JSON.createObjectNode();
        acrossFromTheEast.putArray("collections").add(pacific);
        acrossFromTheEast.set("intersects", boxAcrossTheAntimeridian(179.5, -18, -179.5, -17));
        assertEquals(List.of("fiji"), idsPost(acrossFromTheEast));
    }

    @Test
    void searchByIntersects() {
        ObjectNode aroundZurich = inSwiss();
        aroundZurich.set("intersects", polygon(8.3, 47.2, 8.7, 47.2, 8.7, 47.5, 8.3, 47.5));
        assertEquals(List.of("zurich"), idsPost(aroundZurich));

        ObjectNode inTheHollowOfTheL = inSwiss();
        inTheHollowOfTheL.set("intersects", point(9.6, 46.6));
        assertEquals(List.of(), idsPost(inTheHollowOfTheL));

        ObjectNode onTheL = inSwiss();
        onTheL.set("intersects", point(9.1, 46.6));
        assertEquals(List.of("l-shape"), idsPost(onTheL));

        assertEquals(List.of("l-shape"), idsGet(Map.of("collections", swiss, "intersects", point(9.1, 46.6).toString())));
    }

    @Test
    void searchByDatetimeInstantAndIntervals() {
        assertEquals(List.of("bern"), idsGet(Map.of("collections", swiss, "datetime", "2024-01-10T08:00:00Z")));
        assertEquals(List.of("zurich"), idsGet(Map.of("collections", swiss, "datetime", "2024-02-15T00:00:00Z")));
        assertEquals(List.of("bern", "zurich"),
                idsGet(Map.of("collections", swiss, "datetime", "2024-01-01T00:00:00Z/..")));
        assertEquals(List.of("geneva", "l-shape"),
                idsGet(Map.of("collections", swiss, "datetime", "../2023-12-31T23:59:59Z")));
        assertEquals(List.of("geneva", "l-shape"),
                idsGet(Map.of("collections", swiss, "datetime", "/2023-12-31T23:59:59Z")));
        assertEquals(List.of("bern", "geneva"),
                idsGet(Map.of("collections", swiss, "datetime", "2023-01-01T00:00:00Z/2024-02-01T00:00:00+01:00")));

        ObjectNode body = inSwiss().put("datetime", "2024-02-28T12:00:00Z/");
        assertEquals(List.of("zurich"), idsPost(body));
    }

    /**
     * A query decodes '+' as a space, so an offset ahead of UTC sent unencoded (as many clients and
     * hand-typed URLs send it) arrives as "...T09:00:00 01:00": a shape only a decoded '+' makes, so
     * it is read as that offset rather than refused or misread.
     */
    @Test
    void searchByDatetimeWhoseOffsetsPlusWasSentUnencoded() {
        for (String datetime : List.of("2024-01-10T09:00:00+01:00", "2024-01-10T09:00:00.000+01:00/2024-01-10T10:00:00+02:00",
                "2024-01-10t09:00:00+01:00/..")) {
            List<String> ids = as(readerKey).urlEncodingEnabled(false)
                    .queryParam("collections", swiss).queryParam("datetime", datetime)
                    .when().get(SEARCH).then().statusCode(200).extract().jsonPath().getList("features.id");
            assertEquals(datetime.endsWith("..") ? List.of("bern", "zurich") : List.of("bern"), ids, datetime);
        }
    }

    @Test
    void searchByCollectionsAndIds() {
        assertEquals(List.of("bern", "geneva", "l-shape", "zurich"), idsGet(Map.of("collections", swiss)));
        assertEquals(List.of("bern"), idsGet(Map.of("collections", other)));

        JsonPath both = get(Map.of("collections", swiss + "," + other, "ids", "bern")).statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("bern", "bern"), both.getList("features.id"));
        assertEquals(List.of(other, swiss), both.getList("features.collection"));

        ObjectNode body = JSON.createObjectNode();
        body.putArray("collections").add(swiss).add(other);
        body.putArray("ids").add("geneva").add("zurich");
        assertEquals(List.of("geneva", "zurich"), idsPost(body));
    }

    /** Every page from {@code first} on, following the {@code next} links: each page's items as collection/id. */
    private static List<List<String>> pagesFrom(String apiKey, String first, int limit) {
        return pagesFrom(() -> as(apiKey), first, limit);
    }

    private static List<List<String>> pagesFrom(Supplier<RequestSpecification> caller, String first, int limit) {
        List<List<String>> pages = new ArrayList<>();
        String next = first;
        while (next != null) {
            // the links are encoded already: RestAssured must send them as they are
            JsonPath page = caller.get().urlEncodingEnabled(false).when().get(next).then().statusCode(200)
                    .extract().jsonPath();
            List<String> items = new ArrayList<>();
            page.getList("features", Map.class).forEach(feature -> items.add(feature.get("collection") + "/" + feature.get("id")));
            assertTrue(items.size() <= limit);
            pages.add(items);
            next = page.getString("links.find { it.rel == 'next' }.href");
            if (next != null) {
                assertTrue(next.contains("cursor="), next);
            }
        }
        return pages;
    }

    @Test
    void getSearchPagesWithCursorLinks() {
        List<List<String>> pages = pagesFrom(readerKey, SEARCH + "?collections=" + swiss + "," + other + "&limit=2", 2);

        assertEquals(List.of(other + "/bern", swiss + "/bern", swiss + "/geneva", swiss + "/l-shape", swiss + "/zurich"),
                pages.stream().flatMap(List::stream).toList());
        assertEquals(3, pages.size());
    }

    /**
     * The file API shows a files_upload caller only its own files: the items the worker makes of
     * other owners' files are left out of searches and lists too, and pages stay full; a caller
     * without credentials, who may read the catalog, sees the shared items alone.
     */
    @Test
    void theItemsOfFilesOthersUploadedThroughTheFileApiAreLeftOutOfEveryPage() {
        String owner = "uploader-" + UUID.randomUUID();
        Set<String> hidden = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            hidden.add(swiss + "/" + WorkerItems.catalogued(swiss, owner).id);
        }
        List<String> shared = List.of(swiss + "/bern", swiss + "/geneva", swiss + "/l-shape", swiss + "/zurich");

        for (Supplier<RequestSpecification> stranger : List.<Supplier<RequestSpecification>>of(() -> as(readerKey),
                () -> as(writerKey), RestAssured::given)) {
            List<List<String>> searched = pagesFrom(stranger, SEARCH + "?collections=" + swiss + "&limit=1", 1);
            assertEquals(shared.stream().map(List::of).toList(), searched, "one item a page, and no empty page");
            List<List<String>> listed = pagesFrom(stranger, BASE + "/collections/" + swiss + "/items?limit=1", 1);
            assertEquals(shared.stream().map(List::of).toList(), listed);
        }
        ObjectNode byIds = inSwiss();
        hidden.forEach(item -> byIds.withArray("ids").add(item.substring(swiss.length() + 1)));
        assertEquals(List.of(), idsPost(byIds));
        given().contentType(ContentType.JSON).body(byIds.toString()).when().post(SEARCH).then()
                .statusCode(200).body("features", empty());
        hidden.forEach(item -> given().when().get(BASE + "/collections/" + item.replace("/", "/items/")).then()
                .statusCode(404).body("description", equalTo("Item not found")));
        post(inSwiss().put("limit", 4)).statusCode(200)
                .body("features.id", equalTo(List.of("bern", "geneva", "l-shape", "zurich")))
                .body("links.rel", not(hasItem("next")));

        Set<String> all = new HashSet<>(shared);
        all.addAll(hidden);
        for (String mayRead : List.of(TestApiKeys.uploader(owner), TestApiKeys.admin())) {
            List<List<String>> pages = pagesFrom(mayRead, SEARCH + "?collections=" + swiss + "&limit=2", 2);
            assertEquals(all, new HashSet<>(pages.stream().flatMap(List::stream).toList()));
            assertEquals(4, pages.size());
            assertEquals(hidden.size(), as(mayRead).contentType(ContentType.JSON).body(byIds.toString())
                    .when().post(SEARCH).then().statusCode(200).extract().jsonPath().getList("features").size());
        }
    }

    /**
     * Items near the 1 MiB an item may take (here a long lineage text; as often a detailed
     * footprint): a page of a thousand of them was a tree of gigabytes, and the service ran out of
     * memory for every caller. A page ends once its items' JSON reaches its budget, and the next
     * page goes on after it.
     */
    @Test
    void pagesOfLargeItemsEndAtTheirBudgetAndTheNextPagesHoldTheRest() {
        String large = uniqueId("large");
        createCollection(writerKey, large);
        List<String> expected = new ArrayList<>();
        String lineage = "resampled, orthorectified and mosaicked; ".repeat(21_000);
        for (int i = 0; i < 12; i++) {
            ObjectNode item = item(String.format("scene-%02d", i), box(7, 46, 7.5, 46.5), "2024-03-01T00:00:00Z");
            ((ObjectNode) item.get("properties")).put("processing:lineage", lineage);
            createItem(writerKey, large, item);
            expected.add(large + "/" + item.get("id").asText());
        }

        for (String first : List.of(BASE + "/collections/" + large + "/items?limit=1000",
                SEARCH + "?collections=" + large + "&limit=1000", SEARCH + "?collections=" + large + "&bbox=6,45,8,47&limit=1000")) {
            List<List<String>> pages = pagesFrom(readerKey, first, 1000);
            assertEquals(expected, pages.stream().flatMap(List::stream).toList(), first);
            assertTrue(pages.size() > 1, first + " answered every large item on one page");
        }
    }

    /** A page of items carries their assets: small items whose assets are large count as large. */
    @Test
    void pagesOfItemsWithLargeAssetsEndAtTheirBudget() {
        String assets = uniqueId("assets");
        createCollection(writerKey, assets);
        Random random = new Random(7);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = String.format("scene-%02d", i);
            createItem(writerKey, assets, item(id, box(7, 46, 7.5, 46.5), "2024-03-01T00:00:00Z"));
            // random text, which PostgreSQL cannot make smaller
            byte[] noise = new byte[440_000];
            random.nextBytes(noise);
            ObjectNode asset = JSON.createObjectNode().put("type", "image/tiff").put("title", "Data")
                    .put("processing:software", HexFormat.of().formatHex(noise));
            put(writerKey, asset, ASSET, assets, id, "data").statusCode(201);
            expected.add(assets + "/" + id);
        }

        List<List<String>> pages = pagesFrom(readerKey, SEARCH + "?collections=" + assets + "&limit=1000", 1000);

        assertEquals(expected, pages.stream().flatMap(List::stream).toList());
        assertTrue(pages.size() > 1, "every item with a large asset was answered on one page");
    }

    @Test
    void postSearchPagesWithNextLinksCarryingTheBody() throws Exception {
        ObjectNode body = JSON.createObjectNode().put("limit", 2);
        body.putArray("collections").add(swiss).add(other);
        body.putArray("bbox").add(5).add(45).add(11).add(48);

        List<List<String>> pages = postPagesFrom(readerKey, body);

        assertEquals(List.of(other + "/bern", swiss + "/bern", swiss + "/geneva", swiss + "/l-shape", swiss + "/zurich"),
                pages.stream().flatMap(List::stream).toList());
        assertEquals(3, pages.size());
    }

    /** Every page of a POST search, following the {@code next} links, which carry the body and a cursor. */
    private static List<List<String>> postPagesFrom(String apiKey, ObjectNode body) throws Exception {
        List<List<String>> pages = new ArrayList<>();
        JsonNode search = body;
        while (search != null) {
            JsonNode page = JSON.readTree(post(apiKey, search).statusCode(200).extract().asString());
            List<String> items = new ArrayList<>();
            page.get("features").forEach(feature -> items.add(feature.get("collection").asText() + "/" + feature.get("id").asText()));
            pages.add(items);
            search = null;
            for (JsonNode link : page.get("links")) {
                if (link.get("rel").asText().equals("next")) {
                    assertEquals("POST", link.get("method").asText());
                    assertTrue(link.get("href").asText().endsWith("/api/stac/v1/search"));
                    assertEquals(body.get("collections"), link.get("body").get("collections"));
                    search = link.get("body");
                }
            }
        }
        return pages;
    }

    /**
     * The sort extension: newest first by {@code -properties.datetime} (an item over a span by its
     * start), page after page; two items of the same time in collection order in the same
     * direction; and oldest first by {@code +datetime}, its {@code +} sent unencoded as a space.
     */
    @Test
    void getSearchSortsByTimeEitherWayPageAfterPage() {
        createItem(writerKey, other, item("thun", point(7.63, 46.76), "2024-01-10T08:00:00Z"));
        String both = SEARCH + "?collections=" + swiss + "," + other + "&limit=2";
        List<String> newestFirst = List.of(swiss + "/zurich", other + "/bern", swiss + "/bern", other + "/thun",
                swiss + "/geneva", swiss + "/l-shape");

        List<List<String>> pages = pagesFrom(readerKey, both + "&sortby=-properties.datetime", 2);

        assertEquals(newestFirst, pages.stream().flatMap(List::stream).toList());
        assertEquals(3, pages.size());
        List<String> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        assertEquals(oldestFirst, pagesFrom(readerKey, both + "&sortby=+datetime", 2).stream().flatMap(List::stream)
                .toList());
    }

    /**
     * Items may be of any year from 0000 on: a page that ended with one of year 0000 had a cursor
     * PostgreSQL read as out of range, and the next page was a 500.
     */
    @Test
    void sortedByTimePagesGoOnPastTheYearZero() {
        String ancient = uniqueId("ancient");
        createCollection(writerKey, ancient);
        createItem(writerKey, ancient, item("before-christ", point(12.49, 41.89), "0000-06-01T00:00:00Z"));
        createItem(writerKey, ancient, item("augustus", point(12.48, 41.89), "0001-01-01T00:00:00Z"));
        createItem(writerKey, ancient, item("today", point(12.47, 41.89), "2024-06-01T00:00:00Z"));
        String search = SEARCH + "?collections=" + ancient + "&limit=1&sortby=";

        assertEquals(List.of(ancient + "/before-christ", ancient + "/augustus", ancient + "/today"),
                pagesFrom(readerKey, search + "datetime", 1).stream().flatMap(List::stream).toList());
        assertEquals(List.of(ancient + "/today", ancient + "/augustus", ancient + "/before-christ"),
                pagesFrom(readerKey, search + "-datetime", 1).stream().flatMap(List::stream).toList());
    }

    /**
     * Sorted by time, a POST search with a spatial filter pages on through its next links, and a
     * caller's own private items (the newest here) come in their place among the shared ones.
     */
    @Test
    void postSearchSortsByTimeWithASpatialFilterAndPrivateItems() throws Exception {
        String owner = "uploader-" + UUID.randomUUID();
        String ownItem = WorkerItems.catalogued(swiss, owner).id.toString();
        ObjectNode body = JSON.createObjectNode().put("limit", 1);
        body.putArray("collections").add(swiss);
        body.putArray("bbox").add(5).add(45).add(11).add(48);
        body.putArray("sortby").addObject().put("field", "properties.datetime").put("direction", "desc");

        List<String> shared = List.of(swiss + "/zurich", swiss + "/bern", swiss + "/geneva", swiss + "/l-shape");
        assertEquals(shared, postPagesFrom(readerKey, body).stream().flatMap(List::stream).toList());
        String ownerKey = TestApiKeys.uploader(owner);
        List<String> withOwn = new ArrayList<>(List.of(swiss + "/" + ownItem));
        withOwn.addAll(shared);
        assertEquals(withOwn, postPagesFrom(ownerKey, body).stream().flatMap(List::stream).toList());
        body.withArray("sortby").removeAll().addObject().put("field", "id");
        assertEquals(List.of("bern", "geneva", "l-shape", "zurich", ownItem).stream().sorted().toList(),
                post(ownerKey, body.put("limit", 10)).statusCode(200).extract().jsonPath().getList("features.id"));
    }

    /**
     * The fields extension: a search returns the default fields (a valid item: its time, and not
     * its other properties), and those included, less those excluded, in GET (its next link keeps
     * the parameter) and POST alike.
     */
    @Test
    void searchReturnsTheFieldsAsked() {
        ObjectNode thun = item("thun", point(7.63, 46.76), "2024-03-01T10:00:00Z");
        ((ObjectNode) thun.get("properties")).put("title", "Thun").put("eo:cloud_cover", 12).put("proj:epsg", 2056);
        createItem(writerKey, swiss, thun);
        // its extensions are declared whatever fields are asked, or proj:epsg could not be read
        Set<String> defaults = Set.of("type", "stac_version", "stac_extensions", "id", "collection", "geometry", "bbox",
                "links", "assets", "properties");

        JsonPath plain = get(Map.of("collections", swiss, "ids", "thun", "fields", "")).statusCode(200).extract().jsonPath();
        assertEquals(defaults, plain.getMap("features[0]").keySet());
        assertEquals(Map.of("datetime", "2024-03-01T10:00:00Z"), plain.getMap("features[0].properties"));

        JsonPath lean = get(Map.of("collections", swiss, "fields", "properties.eo:cloud_cover,-geometry,-assets", "limit", "1",
                "sortby", "-datetime"))
                .statusCode(200).extract().jsonPath();
        assertEquals(Set.of("type", "stac_version", "stac_extensions", "id", "collection", "bbox", "links", "properties"),
                lean.getMap("features[0]").keySet());
        assertTrue(lean.getString("links.find { it.rel == 'next' }.href").contains("fields="));

        ObjectNode body = inSwiss();
        body.putArray("ids").add("thun");
        body.putObject("fields").putArray("include").add("properties").add("properties.no-such-field");
        ((ObjectNode) body.get("fields")).putArray("exclude").add("links").add("properties.title");
        JsonPath posted = post(body).statusCode(200).extract().jsonPath();
        assertFalse(posted.getMap("features[0]").containsKey("links"));
        assertEquals(Set.of("datetime", "eo:cloud_cover", "proj:epsg", "created", "updated"),
                posted.getMap("features[0].properties").keySet(), "its properties, less its title");

        ObjectNode notAnObject = inSwiss().put("fields", "id");
        post(notAnObject).statusCode(400)
                .body("description", equalTo("fields must be an object with the arrays include and exclude"));

        // as pystac-client wrote them before 0.8.1: they were ignored, and the geometry came back
        ObjectNode plural = inSwiss();
        plural.putArray("ids").add("thun");
        plural.putObject("fields").putArray("excludes").add("geometry");
        assertFalse(post(plural).statusCode(200).extract().jsonPath().getMap("features[0]").containsKey("geometry"));
        ObjectNode misspelt = inSwiss();
        misspelt.putObject("fields").putArray("exclude_fields").add("geometry");
        post(misspelt).statusCode(400).body("description", containsString("fields has a member 'exclude_fields'"));
    }

    /**
     * An item over a span has a null datetime: its start and end are among the default fields, or
     * it is no valid item, and pystac's Item refuses it (a search's items() failed).
     */
    @Test
    void anItemOverASpanKeepsItsStartAndEndWhateverTheFields() {
        ObjectNode span = item("span", point(7.63, 46.76), "2024-03-01T10:00:00Z");
        ((ObjectNode) span.get("properties")).putNull("datetime").put("start_datetime", "2024-03-01T00:00:00Z")
                .put("end_datetime", "2024-03-31T23:59:59Z").put("title", "March");
        createItem(writerKey, swiss, span);

        JsonPath lean = get(Map.of("collections", swiss, "ids", "span", "fields", "-geometry")).statusCode(200)
                .extract().jsonPath();

        assertEquals(Set.of("datetime", "start_datetime", "end_datetime"), lean.getMap("features[0].properties").keySet());
        assertEquals("2024-03-01T00:00:00Z", lean.getString("features[0].properties.start_datetime"));
    }

    /** A collection's items take the same sort and fields as a search (OGC API Features bindings). */
    @Test
    void aCollectionsItemsAreSortedAndCutAsASearchIs() {
        String items = BASE + "/collections/" + swiss + "/items?limit=3&sortby=-datetime&fields=-geometry";

        List<List<String>> pages = pagesFrom(readerKey, items, 3);

        assertEquals(List.of(swiss + "/zurich", swiss + "/bern", swiss + "/geneva", swiss + "/l-shape"),
                pages.stream().flatMap(List::stream).toList());
        as(readerKey).urlEncodingEnabled(false).when().get(items).then().statusCode(200)
                .body("features.geometry", everyItem(nullValue()))
                .body("features.bbox", everyItem(notNullValue()));
    }

    /**
     * Scenes with a cloud cover, one without it and one whose cover is text: by cover, then newest
     * first. Items without the property come first, text before numbers, and 3 and 3.0 tie.
     */
    private String cloudyScenes() {
        String clouds = uniqueId("clouds");
        createCollection(writerKey, clouds);
        Map<String, Object> covers = Map.of("a", 12, "b", 3, "c", 12, "e", "unknown", "f", 3.0);
        Map<String, String> times = Map.of("a", "2024-01-01T00:00:00Z", "b", "2024-02-01T00:00:00Z",
                "c", "2024-03-01T00:00:00Z", "d", "2024-04-01T00:00:00Z", "e", "2024-05-01T00:00:00Z",
                "f", "2023-01-01T00:00:00Z");
        times.forEach((id, time) -> {
            ObjectNode scene = item(id, point(7.4, 46.9), time);
            Object cover = covers.get(id);
            ObjectNode properties = (ObjectNode) scene.get("properties");
            if (cover instanceof Integer whole) {
                properties.put("eo:cloud_cover", whole);
            } else if (cover instanceof Double fraction) {
                properties.put("eo:cloud_cover", fraction);
            } else if (cover instanceof String text) {
                properties.put("eo:cloud_cover", text);
            }
            createItem(writerKey, clouds, scene);
        });
        return clouds;
    }

    /**
     * The sort extension's use in practice, least cloudy first: any property, several fields in
     * mixed directions, a page of one at a time through the next links of GET and POST alike.
     */
    @Test
    void searchSortsByAPropertyThenByTimeAcrossPages() throws Exception {
        String clouds = cloudyScenes();
        String search = SEARCH + "?collections=" + clouds + "&limit=1&sortby=";

        assertEquals(List.of("d", "e", "b", "f", "c", "a").stream().map(id -> clouds + "/" + id).toList(),
                pagesFrom(readerKey, search + "properties.eo:cloud_cover,-datetime", 1).stream()
                        .flatMap(List::stream).toList());
        assertEquals(List.of("a", "c", "f", "b", "e", "d").stream().map(id -> clouds + "/" + id).toList(),
                pagesFrom(TestApiKeys.admin(), search + "-eo:cloud_cover,%2Bdatetime", 1).stream()
                        .flatMap(List::stream).toList());
        ObjectNode body = JSON.createObjectNode().put("limit", 2);
        body.putArray("collections").add(clouds);
        body.putArray("sortby").add(JSON.createObjectNode().put("field", "eo:cloud_cover").put("direction", "desc"))
                .add(JSON.createObjectNode().put("field", "properties.datetime").put("direction", "desc"));
        assertEquals(List.of(List.of(clouds + "/c", clouds + "/a"), List.of(clouds + "/b", clouds + "/f"),
                List.of(clouds + "/e", clouds + "/d")), postPagesFrom(readerKey, body));
    }

    /**
     * A property's name is the client's text: quotes and backslashes in it sort by that property
     * like any other name, and cannot end the SQL text the name is written into.
     */
    @Test
    void searchSortsByAPropertyWhoseNameHoldsQuotesAndBackslashes() {
        String quoted = uniqueId("quoted");
        createCollection(writerKey, quoted);
        String name = "it's\\' or 1=1 --";
        Map.of("low", 1, "high", 9, "middle", 5).forEach((id, value) -> {
            ObjectNode scene = item(id, point(7.4, 46.9), "2024-01-01T00:00:00Z");
            ((ObjectNode) scene.get("properties")).put(name, value);
            createItem(writerKey, quoted, scene);
        });

        assertEquals(List.of("high", "middle", "low"), idsGet(Map.of("collections", quoted, "sortby", "-" + name)));
        ObjectNode body = JSON.createObjectNode();
        body.putArray("collections").add(quoted);
        body.putArray("sortby").add(JSON.createObjectNode().put("field", "properties." + name).put("direction", "asc"));
        assertEquals(List.of("low", "middle", "high"), idsPost(body));
    }

    /**
     * pystac-client's {@code query=} (the query extension) filters as the filter extension does,
     * in GET and POST, alone and together with a filter; its text operators take the text as it is.
     */
    @Test
    void theQueryExtensionFiltersAsTheFilterDoes() {
        String clouds = cloudyScenes();

        assertEquals(List.of("b", "f"), idsGet(Map.of("collections", clouds, "query", "{\"eo:cloud_cover\": {\"lt\": 10}}")));
        ObjectNode body = JSON.createObjectNode();
        body.putArray("collections").add(clouds);
        body.putObject("query").putObject("eo:cloud_cover").put("gt", 3).put("lte", 12);
        assertEquals(List.of("a", "c"), idsPost(body));
        ((ObjectNode) body.get("query")).putObject("eo:cloud_cover").putArray("in").add(3).add(12);
        assertEquals(List.of("a", "b", "c", "f"), idsPost(body));
        ((ObjectNode) body.get("query")).putObject("eo:cloud_cover").put("startsWith", "unk");
        assertEquals(List.of("e"), idsPost(body));
        ((ObjectNode) body.get("query")).putObject("eo:cloud_cover").put("contains", "n%");
        assertEquals(List.of(), idsPost(body), "% is a character of the text, not a wildcard");
        ((ObjectNode) body.get("query")).putObject("eo:cloud_cover").put("lt", 20);
        body.put("filter", "datetime >= TIMESTAMP('2024-02-15T00:00:00Z')").put("filter-lang", "cql2-text");
        assertEquals(List.of("c"), idsPost(body));

        get(Map.of("collections", clouds, "query", "{\"eo:cloud_cover\": {\"below\": 3}}")).statusCode(400)
                .body("description", startsWith("query: \"below\" is no operator of the query extension"));
        get(Map.of("collections", clouds, "query", "cloudless")).statusCode(400)
                .body("description", startsWith("query: not JSON"));
    }

    /** The other times sort as datetime does: items without one first when ascending. */
    @Test
    void searchSortsByTheEndOfASpanAndByWhenItemsWereAdded() {
        assertEquals(List.of("bern", "geneva", "l-shape", "zurich"),
                idsGet(Map.of("collections", swiss, "sortby", "end_datetime,id")));
        assertEquals(List.of("zurich", "bern", "geneva", "l-shape"),
                idsGet(Map.of("collections", swiss, "sortby", "-properties.end_datetime,id")));
        List<String> newestFirst = idsGet(Map.of("collections", swiss, "sortby", "-created,id"));
        assertEquals(List.of("l-shape", "zurich", "geneva", "bern"), newestFirst, "in the order createScenes made them");
    }

    /** A sort this API does not offer is refused with what it offers, not ignored; an empty one is no sort. */
    @Test
    void aSortThisApiCannotDoIsRefused() {
        get(Map.of("collections", swiss, "sortby", "-geometry")).statusCode(400)
                .body("description", equalTo("sortby field 'geometry' is not one this API sorts by: " + ItemOrder.FIELDS));
        get(Map.of("collections", swiss, "sortby", "-datetime,id,datetime")).statusCode(400)
                .body("description", equalTo("sortby names datetime more than once"));
        get(Map.of("collections", swiss, "sortby", "a,b,c,d,e,f,g,h,i")).statusCode(400)
                .body("description", equalTo("sortby takes at most 8 fields, not 9"));
        // none at all is the default order, as if sortby were not given
        assertEquals(List.of("bern", "geneva", "l-shape", "zurich"), idsGet(Map.of("collections", swiss, "sortby", "")));
        ObjectNode noSort = inSwiss();
        noSort.putArray("sortby");
        assertEquals(List.of("bern", "geneva", "l-shape", "zurich"), idsPost(noSort));
        ObjectNode upwards = inSwiss();
        upwards.putArray("sortby").add(JSON.createObjectNode().put("field", "id"))
                .add(JSON.createObjectNode().put("field", "datetime").put("direction", "up"));
        post(upwards).statusCode(400).body("description", equalTo("sortby[1].direction must be \"asc\" or \"desc\""));
    }

    /**
     * A cursor is for the order it was made in: one of another order (even of as many parts), or
     * one whose parts are no key, is a 400 rather than a page of some other order or an error.
     */
    @Test
    void aCursorOfAnotherOrderIsRefused() {
        String byTime = get(Map.of("collections", swiss, "limit", "1", "sortby", "-datetime")).statusCode(200)
                .extract().jsonPath().getString("links.find { it.rel == 'next' }.href");
        String cursor = byTime.substring(byTime.indexOf("cursor=") + "cursor=".length()).split("&")[0];
        for (String sortby : List.of("", "datetime", "-eo:cloud_cover", "-end_datetime")) {
            get(Map.of("collections", swiss, "sortby", sortby, "cursor", cursor)).statusCode(400)
                    .body("description", equalTo("cursor is not valid: use the next link of a previous page"));
        }
        for (String notAKey : List.of("not json", "", "1 2")) {
            String madeUp = Cursor.encode("-eo:cloud_cover", notAKey, swiss, "bern");
            get(Map.of("collections", swiss, "sortby", "-eo:cloud_cover", "cursor", madeUp)).statusCode(400)
                    .body("description", equalTo("cursor is not valid: use the next link of a previous page"));
        }
    }

    /** new BigInteger(...) takes a sign and the digits of every script: limit=+5 and limit=５ were pages of 5. */
    @Test
    void aLimitIsAsciiDigitsAlone() {
        for (String encoded : List.of("%2B5", "%EF%BC%95", "%D9%A5")) {
            as(readerKey).urlEncodingEnabled(false).when().get(SEARCH + "?limit=" + encoded).then()
                    .statusCode(400).body("code", equalTo(400)).body("description", containsString("limit must be a positive integer"));
        }
    }

    @Test
    void badParametersAreBadRequestsNamingTheParameter() {
        Map<String, String> bad = Map.of(
                "bbox", "1,2,3",
                "datetime", "yesterday",
                "limit", "0",
                "cursor", "not-a-cursor",
                "intersects", "{\"type\": \"Point\"}");
        bad.forEach((parameter, value) -> get(Map.of(parameter, value))
                .statusCode(400)
                .body("code", equalTo(400))
                .body("description", containsString(parameter)));
        get(Map.of("limit", "2.5")).statusCode(400).body("description", containsString("limit"));
        get(Map.of("limit", "-3")).statusCode(400).body("description", containsString("limit"));
        get(Map.of("datetime", "../..")).statusCode(400).body("description", containsString("datetime"));
        get(Map.of("bbox", "7,46,8,47", "intersects", point(7.5, 46.5).toString()))
                .statusCode(400).body("description", containsString("bbox and intersects"));

        post(JSON.createObjectNode().put("query", "anything")).statusCode(400).body("description", containsString("query"));
        post(JSON.createObjectNode().put("limit", "ten")).statusCode(400).body("description", containsString("limit"));
        post(JSON.createObjectNode().put("collections", swiss)).statusCode(400).body("description", containsString("collections"));
        ObjectNode selfIntersecting = JSON.createObjectNode();
        selfIntersecting.set("intersects", polygon(0, 0, 2, 2, 2, 0, 0, 2));
        post(selfIntersecting).statusCode(400).body("description", containsString("intersects"));
    }

    /** An empty id, or one of U+0000 only, used to be dropped with the filter: the search matched every item. */
    @Test
    void anEmptyIdOrOneHoldingUPlus0000IsRefusedNotDropped() {
        for (String field : List.of("collections", "ids")) {
            for (String value : List.of("\u0000", ",", swiss + ",", "a\u0000b")) {
                get(Map.of(field, value, "limit", "1")).statusCode(400)
                        .body("code", equalTo(400)).body("description", containsString(field));
            }
            for (String value : List.of("\u0000", "", " ", "a\u0000b")) {
                ObjectNode body = JSON.createObjectNode();
                body.putArray(field).add(value);
                post(body).statusCode(400).body("code", equalTo(400)).body("description", containsString(field));
            }
        }
        assertEquals(List.of("bern", "geneva"), idsGet(Map.of("collections", swiss, "ids", " geneva , bern")));
        assertEquals(idsGet(Map.of("collections", swiss)), idsGet(Map.of("collections", swiss, "ids", "")),
                "a parameter given empty, as forms send it, is not given");
    }

    /** Ignored, these would answer unsorted or unfiltered results as if they were what was asked. */
    @Test
    void stacParametersThisApiDoesNotImplementAreRefusedNotIgnored() {
        Map<String, String> unsupported = Map.of("q", "sentinel", "bbox-crs", "http://www.opengis.net/def/crs/EPSG/0/2056");
        unsupported.forEach((parameter, value) -> get(Map.of("collections", swiss, parameter, value))
                .statusCode(400)
                .body("code", equalTo(400))
                .body("description", containsString("Unsupported parameter(s): " + parameter)));
    }

    /** OGC API Features lets a server ignore parameters it does not know; a cache-buster must keep working. */
    @Test
    void unknownParametersAreIgnored() {
        assertEquals(List.of("bern", "geneva", "l-shape", "zurich"),
                idsGet(Map.of("collections", swiss, "_", "1718000000000", "foo", "bar")));
    }

    /** STAC API Item Search: a limit over the advertised maximum is served as the maximum, not refused. */
    @Test
    void aLimitOverTheMaximumIsServedAsTheMaximum() {
        for (String limit : List.of("1001", "99999999999")) {
            get(Map.of("collections", swiss, "limit", limit)).statusCode(200)
                    .body("context.limit", equalTo(1000))
                    .body("features.size()", equalTo(4));
        }
        post(inSwiss().put("limit", 5000)).statusCode(200).body("context.limit", equalTo(1000));
        post(inSwiss().put("limit", new BigInteger("100000000000000000000"))).statusCode(200)
                .body("context.limit", equalTo(1000));
    }

    /**
     * The STAC upload contract asks credentials of POST and PUT only, and a search is a read:
     * anyone may search, while credentials that are sent must be valid.
     */
    @Test
    void anyoneMaySearchButCredentialsSentMustBeValid() {
        given().queryParam("collections", swiss).when().get(SEARCH).then().statusCode(200)
                .body("features.id", hasItem("bern"));
        given().contentType(ContentType.JSON).body(inSwiss().toString()).when().post(SEARCH).then().statusCode(200)
                .body("features.id", hasItem("bern"));
        as("giq_not-a-key").when().get(SEARCH).then().statusCode(401).body("code", equalTo(401));
        as("giq_not-a-key").contentType(ContentType.JSON).body("{}").when().post(SEARCH).then().statusCode(401);
    }

    /**
     * RFC 3339 (5.6) lets a space stand for the T, and puts no bound on a fraction's digits: both
     * were refused. Digits past the nanosecond are cut, never rounded up to the next second.
     */
    @Test
    void datetimesWithASpaceForTheTOrAFractionFinerThanNanosecondsAreRead() {
        assertEquals(List.of("bern"), idsGet(Map.of("collections", swiss, "datetime", "2024-01-10 08:00:00Z")));
        assertEquals(List.of("bern"), idsGet(Map.of("collections", swiss, "datetime", "2024-01-10 09:00:00+01:00")));
        assertEquals(List.of("bern"), idsGet(Map.of("collections", swiss, "datetime", "2024-01-10T08:00:00.000000000000Z")));
        assertEquals(List.of(), idsGet(Map.of("collections", swiss,
                "datetime", "2024-01-10T07:00:00Z/2024-01-10T07:59:59.9999999999Z")));
        // an offset's '+' sent unencoded, decoded as a space like the one for the T
        List<String> ids = as(readerKey).urlEncodingEnabled(false)
                .queryParam("collections", swiss).queryParam("datetime", "2024-01-10+09:00:00+01:00")
                .when().get(SEARCH).then().statusCode(200).extract().jsonPath().getList("features.id");
        assertEquals(List.of("bern"), ids);
        assertEquals(List.of("bern"), idsPost(inSwiss().put("datetime", "2024-01-10 07:59:59.9999999999z/2024-01-10 08:00:00Z")));
    }

    /**
     * A geometry split at the antimeridian took the candidates of its whole latitudes (its
     * envelope, all longitudes): a page examined the cap's worth of items on the other side of the
     * world and came back empty, with a next link. It takes those of its parts' longitudes.
     */
    @Test
    void aGeometrySplitAtTheAntimeridianTakesTheCandidatesOfItsLongitudesAlone() {
        String pacific = uniqueId("split");
        createCollection(writerKey, pacific);
        // ahead of the matches in the pages' order, on the same latitudes half a world away
        AsDatabaseOwner.run(() -> Panache.getEntityManager().createNativeQuery("""
                insert into stac_item (collection_id, id, geometry, bbox_min_x, bbox_min_y, bbox_max_x, bbox_max_y,
                    datetime, properties, created_at, updated_at)
                select ?1, 'a' || lpad(g::text, 6, '0'), cast('{"type":"Point","coordinates":[0,-18]}' as jsonb),
                    0, -18, 0, -18, now(), '{}', now(), now()
                from generate_series(1, ?2) g""")
                .setParameter(1, pacific).setParameter(2, ItemPages.candidateCap(2)).executeUpdate());
        createItem(writerKey, pacific, item("fiji", point(178, -18), "2024-03-01T00:00:00Z"));
        createItem(writerKey, pacific, item("tonga", point(-175.2, -21.1), "2024-03-01T00:00:00Z"));
        ObjectNode body = JSON.createObjectNode().put("limit", 2);
        body.putArray("collections").add(pacific);
        body.set("intersects", boxAcrossTheAntimeridian(170, -25, -170, -15));

        post(body).statusCode(200)
                .body("features.id", equalTo(List.of("fiji", "tonga")))
                .body("links.rel", not(hasItem("next")));
        as(TestApiKeys.admin()).when().delete(BASE + "/collections/{collectionId}", pacific).then().statusCode(204);
    }
}
