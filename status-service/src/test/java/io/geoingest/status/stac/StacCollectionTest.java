package io.geoingest.status.stac;

import static io.geoingest.status.stac.ConditionalRequests.assertNotModifiedWhileTagged;
import static io.geoingest.status.stac.ConditionalRequests.assertOneStrongTagFromEveryOrigin;
import static io.geoingest.status.stac.ConditionalRequests.assertPreconditionFailed;
import static io.geoingest.status.stac.ConditionalRequests.deleteIf;
import static io.geoingest.status.stac.ConditionalRequests.etag;
import static io.geoingest.status.stac.ConditionalRequests.putIf;
import static io.geoingest.status.stac.StacFixtures.ASSET;
import static io.geoingest.status.stac.StacFixtures.BASE;
import static io.geoingest.status.stac.StacFixtures.COLLECTION;
import static io.geoingest.status.stac.StacFixtures.ITEM;
import static io.geoingest.status.stac.StacFixtures.as;
import static io.geoingest.status.stac.StacFixtures.box;
import static io.geoingest.status.stac.StacFixtures.boxAcrossTheAntimeridian;
import static io.geoingest.status.stac.StacFixtures.collection;
import static io.geoingest.status.stac.StacFixtures.createCollection;
import static io.geoingest.status.stac.StacFixtures.createItem;
import static io.geoingest.status.stac.StacFixtures.item;
import static io.geoingest.status.stac.StacFixtures.itemSpanning;
import static io.geoingest.status.stac.StacFixtures.point;
import static io.geoingest.status.stac.StacFixtures.put;
import static io.geoingest.status.stac.StacFixtures.uniqueId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.testing.LogCapture;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.testing.OpenTransaction;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.SourceType;
import io.geoingest.common.stac.CatalogOwnership;
import io.geoingest.common.stac.StacCollection;
import io.geoingest.common.stac.StacItemId;
import io.geoingest.common.stac.StacItem;
import io.geoingest.testing.AsDatabaseOwner;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.hibernate.orm.panache.Panache;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StacCollectionTest {
    private final String writerKey = TestApiKeys.uploader("writer-" + UUID.randomUUID());
    private final String readerKey = TestApiKeys.create("reader-" + UUID.randomUUID());

    @Test
    void putCreatesThenReplacesTheCollectionKeepingOtherFields() {
        String id = uniqueId("sentinel");
        ObjectNode document = collection(id).put("title", "Sentinel scenes");
        document.putArray("keywords").add("sar").add("radar");
        document.putArray("providers").addObject().put("name", "ESA").putArray("roles").add("producer");
        document.putArray("links").addObject().put("rel", "license").put("href", "https://example.org/licence");
        ObjectNode extent = document.putObject("extent");
        extent.putObject("spatial").putArray("bbox").addArray().add(5.9).add(45.8).add(10.5).add(47.8);
        extent.putObject("temporal").putArray("interval").addArray().add("2020-01-01T00:00:00Z").addNull();

        put(writerKey, document, COLLECTION, id)
                .statusCode(201)
                .header("Location", endsWith("/api/stac/v1/collections/" + id))
                .body("type", equalTo("Collection"))
                .body("stac_version", equalTo("1.0.0"))
                .body("id", equalTo(id))
                .body("title", equalTo("Sentinel scenes"))
                .body("license", equalTo("CC-BY-4.0"))
                .body("keywords", equalTo(List.of("sar", "radar")))
                .body("providers[0].name", equalTo("ESA"))
                .body("extent.spatial.bbox[0]", equalTo(List.of(5.9f, 45.8f, 10.5f, 47.8f)))
                .body("extent.temporal.interval[0][0]", equalTo("2020-01-01T00:00:00Z"))
                .body("links.rel", hasItems("self", "root", "parent", "items", "license"));

        ObjectNode replacement = collection(id).put("description", "Replaced");
        put(writerKey, replacement, COLLECTION, id)
                .statusCode(200)
                .body("description", equalTo("Replaced"));

        as(readerKey).when().get(COLLECTION, id).then()
                .statusCode(200)
                .body("description", equalTo("Replaced"))
                .body("$", not(hasKey("title")))
                .body("$", not(hasKey("keywords")))
                .body("links.rel", not(hasItems("license")));
    }

    @Test
    void itemsLinkListsTheCollectionsItems() {
        String id = uniqueId("items-link");
        createCollection(writerKey, id);
        createItem(writerKey, id, item("scene-1", box(7, 46, 8, 47), "2024-03-01T10:00:00Z"));

        String items = as(readerKey).when().get(COLLECTION, id).then()
                .extract().path("links.find { it.rel == 'items' }.href");

        as(readerKey).when().get(items).then().statusCode(200).body("features.id", equalTo(List.of("scene-1")));
    }

    @Test
    void extentNotGivenIsComputedFromTheItems() {
        String id = uniqueId("computed-extent");
        createCollection(writerKey, id);
        as(readerKey).when().get(COLLECTION, id).then()
                .body("extent.spatial.bbox[0]", equalTo(List.of(-180f, -90f, 180f, 90f)));

        createItem(writerKey, id, item("west", box(6, 46, 7, 47), "2023-05-01T00:00:00Z"));
        createItem(writerKey, id, itemSpanning("east", box(9, 45.5, 10, 46.5),
                "2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z"));

        as(readerKey).when().get(COLLECTION, id).then()
                .statusCode(200)
                .body("extent.spatial.bbox[0]", equalTo(List.of(6f, 45.5f, 10f, 47f)))
                .body("extent.temporal.interval[0]", equalTo(List.of("2023-05-01T00:00:00Z", "2024-02-01T00:00:00Z")));
    }

    /** The least and greatest longitudes of a box across the antimeridian are no box around it. */
    @Test
    void anExtentComputedAroundAnItemAcrossTheAntimeridianCrossesItToo() {
        String id = uniqueId("pacific-extent");
        createCollection(writerKey, id);
        createItem(writerKey, id, item("samoa", point(-172, -13.8), "2024-03-01T00:00:00Z"));
        as(readerKey).when().get(COLLECTION, id).then()
                .body("extent.spatial.bbox[0]", equalTo(List.of(-172f, -13.8f, -172f, -13.8f)));

        createItem(writerKey, id, item("fiji", boxAcrossTheAntimeridian(177, -20, -178, -16), "2024-03-01T00:00:00Z"));

        as(readerKey).when().get(COLLECTION, id).then()
                .statusCode(200)
                .body("extent.spatial.bbox[0]", equalTo(List.of(177f, -20f, -172f, -13.8f)));
    }

    /**
     * Scenes of UTM zones 60 and 1, none across the antimeridian, lie in a box across it; their
     * least and greatest longitudes would make one around nearly the whole world. A scene far from
     * them moves the box's edge to the widest stretch no scene covers.
     */
    @Test
    void anExtentComputedAroundItemsOnBothSidesOfTheAntimeridianCrossesIt() {
        String id = uniqueId("both-sides-extent");
        createCollection(writerKey, id);
        createItem(writerKey, id, item("zone-60", box(175, -20, 179.5, -16), "2024-03-01T00:00:00Z"));
        createItem(writerKey, id, item("zone-1", box(-179.5, -15, -176, -12), "2024-03-01T00:00:00Z"));
        createItem(writerKey, id, item("zone-1-north", box(-178, 50, -171.5, 52), "2024-03-01T00:00:00Z"));
        as(readerKey).when().get(COLLECTION, id).then()
                .statusCode(200)
                .body("extent.spatial.bbox[0]", equalTo(List.of(175f, -20f, -171.5f, 52f)));

        createItem(writerKey, id, item("alps", box(6, 46, 10, 48), "2024-03-01T00:00:00Z"));

        as(readerKey).when().get(COLLECTION, id).then()
                .body("extent.spatial.bbox[0]", equalTo(List.of(6f, -20f, -171.5f, 52f)));
        assertEquals(List.of(6f, -20f, -171.5f, 52f), listed(readerKey, id).getList("extent.spatial.bbox[0]", Float.class));
    }

    /** The private items a caller may read count as the shared ones do, and no others. */
    @Test
    void anExtentComputedAroundPrivateItemsOnBothSidesOfTheAntimeridianCrossesIt() {
        String id = uniqueId("private-pacific-extent");
        createCollection(writerKey, id);
        createItem(writerKey, id, item("zone-60", box(175, -20, 179, -16), "2024-03-01T00:00:00Z"));
        FileRecord file = WorkerItems.catalogued(id, "uploader-" + UUID.randomUUID());
        AsDatabaseOwner.run(() -> Panache.getEntityManager().createNativeQuery(
                        "update stac_item set bbox_min_x = -179, bbox_min_y = -18, bbox_max_x = -177, bbox_max_y = -17"
                                + " where collection_id = ?1 and id = ?2")
                .setParameter(1, id).setParameter(2, file.id.toString()).executeUpdate());

        as(readerKey).when().get(COLLECTION, id).then()
                .body("extent.spatial.bbox[0]", equalTo(List.of(175f, -20f, 179f, -16f)));
        for (String mayRead : List.of(TestApiKeys.uploader(file.owner), TestApiKeys.admin())) {
            as(mayRead).when().get(COLLECTION, id).then()
                    .body("extent.spatial.bbox[0]", equalTo(List.of(175f, -20f, -177f, -16f)));
        }
    }

    @Test
    void listPagesThroughEveryCollectionWithNextAndSelfLinks() {
        List<String> mine = List.of(uniqueId("page"), uniqueId("page"), uniqueId("page"));
        mine.forEach(id -> createCollection(writerKey, id));

        List<String> seen = new ArrayList<>();
        String next = BASE + "/collections?limit=2";
        int pages = 0;
        while (next != null) {
            JsonPath page = as(readerKey).when().get(next).then().statusCode(200).extract().jsonPath();
            String self = page.getString("links.find { it.rel == 'self' }.href");
            assertTrue(self.endsWith(next), "self is the page read, not the first one: " + self + " for " + next);
            List<String> ids = page.getList("collections.id");
            assertTrue(ids.size() <= 2, "a page holds at most limit collections");
            seen.addAll(ids);
            next = page.getString("links.find { it.rel == 'next' }.href");
            pages++;
        }

        assertTrue(pages >= 2, "three collections at two per page take more than one page");
        assertTrue(seen.containsAll(mine), "every collection is on some page");
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no collection is on two pages");
    }

    /**
     * Collections near the 1 MiB a document may take: a page of a thousand was a tree of gigabytes.
     * A page ends once its collections' JSON reaches its budget, and the next page goes on after it.
     */
    @Test
    void pagesOfLargeCollectionsEndAtTheirBudgetAndTheNextPagesHoldTheRest() {
        String prefix = uniqueId("large");
        String description = "Sentinel-1 GRD scenes, calibrated and terrain-corrected; ".repeat(15_000);
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = prefix + "-" + i;
            put(writerKey, collection(id).put("description", description), COLLECTION, id).statusCode(201);
            mine.add(id);
        }

        List<List<String>> pagesWithMine = new ArrayList<>();
        String next = BASE + "/collections?limit=1000";
        while (next != null) {
            JsonPath page = as(readerKey).when().get(next).then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("collections.id", String.class).stream().filter(mine::contains).toList();
            if (!ids.isEmpty()) {
                pagesWithMine.add(ids);
            }
            next = page.getString("links.find { it.rel == 'next' }.href");
        }

        assertEquals(mine.stream().sorted().toList(), pagesWithMine.stream().flatMap(List::stream).toList());
        assertTrue(pagesWithMine.size() > 1, "every large collection was answered on one page");
    }

    /** There is no collection search: its parameters would otherwise list every collection as if it matched. */
    @Test
    void collectionSearchParametersAreRefusedAndOthersIgnored() {
        for (String parameter : List.of("q", "bbox", "datetime", "sortby")) {
            as(readerKey).queryParam(parameter, "sentinel").when().get(BASE + "/collections").then()
                    .statusCode(400)
                    .body("code", equalTo(400))
                    .body("description", containsString("Unsupported parameter(s): " + parameter));
        }
        as(readerKey).queryParam("_", "1718000000000").when().get(BASE + "/collections").then().statusCode(200);
    }

    /** A damaged or made-up cursor would otherwise read as a page past the end: no collections, no next link. */
    @Test
    void aCursorTheServiceDidNotMakeIsRefused() {
        for (String cursor : List.of("garbage", "enp6")) {
            as(readerKey).queryParam("cursor", cursor).when().get(BASE + "/collections").then()
                    .statusCode(400)
                    .body("code", equalTo(400))
                    .body("description", containsString("cursor is not valid"));
        }
    }

    @Test
    void aLimitOverTheMaximumIsServedAsTheMaximum() {
        String id = uniqueId("capped");
        createCollection(writerKey, id);

        List<String> ids = as(readerKey).queryParam("limit", "1001").when().get(BASE + "/collections").then()
                .statusCode(200).extract().jsonPath().getList("collections.id");

        assertTrue(ids.size() <= 1000, "a page holds at most 1000 collections");
        assertTrue(ids.contains(id) || ids.size() == 1000, "the page is full or holds every collection");
    }

    @Test
    void deleteRemovesTheCollectionWithItsItems() {
        String id = uniqueId("doomed");
        createCollection(writerKey, id);
        createItem(writerKey, id, item("scene", box(7, 46, 8, 47), "2024-03-01T10:00:00Z"));

        as(writerKey).when().delete(COLLECTION, id).then().statusCode(204);

        as(readerKey).when().get(COLLECTION, id).then()
                .statusCode(404).body("code", equalTo(404)).body("description", equalTo("Collection not found"));
        as(readerKey).when().get(ITEM, id, "scene").then().statusCode(404);
        as(writerKey).when().delete(COLLECTION, id).then().statusCode(404).body("code", equalTo(404));
    }

    /** The worker catalogues everyone's files of a type there: whoever made it first must not hold them. */
    @Test
    void onlyAnAdminMayCreateTheCollectionOfASourceType() {
        String id = SourceType.FULL_MOTION_VIDEO.collectionId();

        put(writerKey, collection(id), COLLECTION, id).statusCode(403)
                .body("code", equalTo(403))
                .body("description", equalTo("Collection full-motion-video is reserved for the catalog of uploaded files"
                        + " of source type FULL_MOTION_VIDEO: only files_admin may create it"));

        as(readerKey).when().get(COLLECTION, id).then().statusCode(404);
        put(TestApiKeys.admin(), collection(id), COLLECTION, id).statusCode(201);
    }

    /** Such a collection made before it was reserved, or by an admin under an uploader's owner name. */
    @Test
    void whoeverCreatedTheCollectionOfASourceTypeMayNotRemoveOthersFilesFromIt() {
        String id = SourceType.GEOMETRYCOLLECTION.collectionId();
        String creator = "creator-" + UUID.randomUUID();
        FileRecord file = WorkerItems.catalogued(id, "uploader-" + UUID.randomUUID());
        AsDatabaseOwner.run(() -> StacCollection.<StacCollection>findById(id).createdBy = creator);
        String creatorKey = TestApiKeys.uploader(creator);

        // the item is another owner's private one: not there to the creator
        as(creatorKey).when().delete(ASSET, id, file.id, "data").then().statusCode(404)
                .body("description", equalTo("Asset not found"));
        as(creatorKey).when().delete(ITEM, id, file.id).then().statusCode(404);
        as(creatorKey).when().delete(COLLECTION, id).then().statusCode(403)
                .body("description", equalTo("Collection " + id + " " + CatalogOwnership.HOLDS_OTHER_OWNERS_FILE));
        as(TestApiKeys.uploader(file.owner)).when().get(ASSET, id, file.id, "data").then().statusCode(200);
    }

    /** A replacement drops the collection's title, keywords, extent...: as much as a deletion for the files in it. */
    @Test
    void aCollectionHoldingAnotherOwnersFileIsReplacedOnlyByItsOwnerOrAnAdmin() {
        String id = uniqueId("files");
        FileRecord file = WorkerItems.catalogued(id, "uploader-" + UUID.randomUUID());

        put(writerKey, collection(id).put("title", "Taken"), COLLECTION, id).statusCode(403)
                .body("code", equalTo(403))
                .body("description", equalTo("Collection " + id + " " + CatalogOwnership.HOLDS_OTHER_OWNERS_FILE));
        as(readerKey).when().get(COLLECTION, id).then().statusCode(200).body("$", not(hasKey("title")));

        put(TestApiKeys.uploader(file.owner), collection(id).put("title", "Mine"), COLLECTION, id).statusCode(200);
        put(TestApiKeys.admin(), collection(id).put("title", "Ours"), COLLECTION, id).statusCode(200);
        as(readerKey).when().get(COLLECTION, id).then().statusCode(200).body("title", equalTo("Ours"));
    }

    /** Its items stay: a title's change must not wait for, nor hold up, the worker cataloguing into it. */
    @Test
    void aReplacementIsAnsweredWithoutWaitingForWritesToTheCollectionsItems() throws Exception {
        String id = uniqueId("busy");
        FileRecord file = WorkerItems.catalogued(id, "uploader-" + UUID.randomUUID());

        int status = OpenTransaction.answeredWhileOpen(() -> {
            StacItem item = StacItem.findById(new StacItemId(id, file.id.toString()));
            item.updatedAt = Instant.now();
        }, () -> put(TestApiKeys.uploader(file.owner), collection(id).put("title", "Renamed"), COLLECTION, id)
                .extract().statusCode());

        assertEquals(200, status);
    }

    @Test
    void unknownCollectionIsNotFound() {
        as(readerKey).when().get(COLLECTION, "no-such-collection").then()
                .statusCode(404).body("description", equalTo("Collection not found"));
    }

    @Test
    void idInTheBodyMustMatchThePath() {
        String id = uniqueId("mismatch");
        put(writerKey, collection("another-id"), COLLECTION, id)
                .statusCode(400)
                .body("code", equalTo(400))
                .body("description", containsString("does not match"));
        as(readerKey).when().get(COLLECTION, id).then().statusCode(404);
    }

    @Test
    void invalidDocumentsAreBadRequestsNamingTheField() {
        String id = uniqueId("invalid");
        ObjectNode withoutDescription = collection(id);
        withoutDescription.remove("description");
        put(writerKey, withoutDescription, COLLECTION, id).statusCode(400).body("description", containsString("description"));

        ObjectNode badExtent = collection(id);
        badExtent.putObject("extent").putObject("spatial").putArray("bbox").add(1).add(2);
        put(writerKey, badExtent, COLLECTION, id).statusCode(400).body("description", containsString("extent"));

        ObjectNode offTheEarth = collection(id);
        ObjectNode extent = offTheEarth.putObject("extent");
        extent.putObject("spatial").putArray("bbox").addArray().add(500).add(0).add(600).add(10);
        extent.putObject("temporal").putArray("interval").addArray().addNull().addNull();
        put(writerKey, offTheEarth, COLLECTION, id).statusCode(400)
                .body("description", equalTo("extent.spatial.bbox must be within longitude -180 to 180 and latitude -90 to 90"));
        ((ObjectNode) offTheEarth.get("extent")).putObject("spatial").putArray("bbox").addArray().add(0).add(10).add(10).add(0);
        put(writerKey, offTheEarth, COLLECTION, id).statusCode(400)
                .body("description", equalTo("extent.spatial.bbox miny must not be greater than maxy"));
        ((ObjectNode) offTheEarth.get("extent")).putObject("spatial").putArray("bbox").addArray().add(0).add(0).add(10).add(10);
        ((ObjectNode) offTheEarth.get("extent")).putObject("temporal").putArray("interval").addArray()
                .add("2024-01-01T00:00:00Z").add("2020-01-01T00:00:00Z");
        put(writerKey, offTheEarth, COLLECTION, id).statusCode(400)
                .body("description", startsWith("extent.temporal.interval must not start after it ends"));

        put(writerKey, collection("has space").put("id", "has space"), COLLECTION, "has space")
                .statusCode(400).body("description", containsString("collection id"));

        as(writerKey).contentType(ContentType.JSON).body("{not json").when().put(COLLECTION, id).then()
                .statusCode(400).body("code", equalTo(400));
        // PostgreSQL stores no U+0000: a client's refusal, not a server error, and refused before the
        // database, whose refusal was logged quoting the client's document
        try (LogCapture log = LogCapture.start()) {
            put(writerKey, collection(id).put("description", "SAR\u0000scenes"), COLLECTION, id).statusCode(400)
                    .body("description", equalTo("Bad Request: the request holds the character U+0000, which cannot be stored"));
            assertEquals(List.of(), log.lines().stream().filter(line -> line.logger().startsWith("org.hibernate")).toList());
        }
        as(readerKey).when().get(COLLECTION, "nul\u0000").then().statusCode(400).body("code", equalTo(400));
        as(readerKey).when().get(COLLECTION, id).then().statusCode(404);
    }

    @Test
    void writesNeedFilesAdminOrFilesUpload() {
        String id = uniqueId("forbidden");
        put(readerKey, collection(id), COLLECTION, id)
                .statusCode(403).body("code", equalTo(403));
        createCollection(TestApiKeys.admin(), id);
        as(readerKey).when().delete(COLLECTION, id).then().statusCode(403).body("code", equalTo(403));
        as(readerKey).when().get(COLLECTION, id).then().statusCode(200);
    }

    @Test
    void writesWithoutCredentialsAreUnauthorizedAndReadsOpenToAnyone() {
        String id = uniqueId("anonymous");
        given().contentType(ContentType.JSON).body(collection(id).toString()).when().put(COLLECTION, id).then()
                .statusCode(401).body("code", equalTo(401));
        createCollection(writerKey, id);
        given().when().get(COLLECTION, id).then().statusCode(200).body("id", equalTo(id));
        given().when().delete(COLLECTION, id).then().statusCode(401).body("code", equalTo(401));
        as(readerKey).when().get(COLLECTION, id).then().statusCode(200);
    }

    @Test
    void aCollectionHasOneETagFromEveryOriginThatChangesWhenItIsReplaced() {
        String id = uniqueId("tagged");
        // fields in another order than PostgreSQL keeps them: the tag is of the document as a GET reads it
        ObjectNode document = collection(id).put("sci:citation", "Scenes, 2024").put("gsd", 10);
        String created = put(writerKey, document, COLLECTION, id).statusCode(201).extract().header("ETag");
        String tag = assertOneStrongTagFromEveryOrigin(readerKey, COLLECTION, id);
        assertEquals(created, tag);
        assertNotModifiedWhileTagged(readerKey, tag, COLLECTION, id);

        String replaced = put(writerKey, document.put("title", "Renamed"), COLLECTION, id)
                .statusCode(200).extract().header("ETag");

        assertNotEquals(tag, replaced);
        assertEquals(replaced, etag(readerKey, COLLECTION, id));
    }

    /** A collection written without an extent shows the one of its items: its tag follows them. */
    @Test
    void theETagOfACollectionFollowsTheExtentComputedFromItsItems() {
        String id = uniqueId("computed-extent");
        createCollection(writerKey, id);
        String empty = etag(readerKey, COLLECTION, id);

        createItem(writerKey, id, item("bern", box(7.4, 46.9, 7.5, 47), "2024-01-10T00:00:00Z"));

        assertNotEquals(empty, etag(readerKey, COLLECTION, id));
    }

    /**
     * An extent computed over every item told anyone where and when another owner uploaded through
     * the file API, and its ETag changed with each of their uploads: it covers what the caller may
     * read, the shared items and their own, and files_admin's all.
     */
    @Test
    void aComputedExtentCoversOnlyTheItemsTheCallerMayRead() {
        String id = uniqueId("private-extent");
        createCollection(writerKey, id);
        createItem(writerKey, id, item("shared", box(20, 40, 21, 41), "2024-05-01T00:00:00Z"));
        String strangersTag = etag(readerKey, COLLECTION, id);
        List<Float> sharedBox = List.of(20f, 40f, 21f, 41f);
        List<String> sharedTime = List.of("2024-05-01T00:00:00Z", "2024-05-01T00:00:00Z");

        FileRecord file = WorkerItems.catalogued(id, "uploader-" + UUID.randomUUID());

        for (String stranger : List.of(readerKey, writerKey)) {
            as(stranger).when().get(COLLECTION, id).then().statusCode(200)
                    .header("ETag", strangersTag)
                    .body("extent.spatial.bbox[0]", equalTo(sharedBox))
                    .body("extent.temporal.interval[0]", equalTo(sharedTime));
            as(stranger).header("If-None-Match", strangersTag).when().get(COLLECTION, id).then().statusCode(304);
            JsonPath listed = listed(stranger, id);
            assertEquals(sharedBox, listed.getList("extent.spatial.bbox[0]", Float.class));
            assertEquals(sharedTime, listed.getList("extent.temporal.interval[0]", String.class));
        }
        String ownerKey = TestApiKeys.uploader(file.owner);
        for (String mayRead : List.of(ownerKey, TestApiKeys.admin())) {
            String tag = as(mayRead).when().get(COLLECTION, id).then().statusCode(200)
                    .body("extent.spatial.bbox[0]", equalTo(List.of(7f, 40f, 21f, 46f)))
                    .body("extent.temporal.interval[0][0]", equalTo("2024-05-01T00:00:00Z"))
                    .body("extent.temporal.interval[0][1]", not(equalTo("2024-05-01T00:00:00Z")))
                    .extract().header("ETag");
            assertNotEquals(strangersTag, tag);
            assertEquals(List.of(7f, 40f, 21f, 46f), listed(mayRead, id).getList("extent.spatial.bbox[0]", Float.class));
        }
        // a write's conditions are held against the document the writer reads
        assertPreconditionFailed(putIf(ownerKey, "If-Match", strangersTag, collection(id), COLLECTION, id));
        putIf(ownerKey, "If-Match", etag(ownerKey, COLLECTION, id), collection(id), COLLECTION, id).statusCode(200);
    }

    /**
     * files_admin reads every owner's private items into a computed extent: written back as read,
     * with a new title, that view was stored and shown to every reader from then on, telling where
     * and when others uploaded, and it stopped following the items.
     */
    @Test
    void aComputedExtentWrittenBackAsReadStaysComputedForEachReader() throws Exception {
        String id = uniqueId("round-trip");
        createCollection(writerKey, id);
        createItem(writerKey, id, item("shared", box(20, 40, 21, 41), "2024-05-01T00:00:00Z"));
        WorkerItems.catalogued(id, "uploader-" + UUID.randomUUID());

        writeBackAsReadWithATitle(TestApiKeys.admin(), id);

        as(readerKey).when().get(COLLECTION, id).then().statusCode(200)
                .body("title", equalTo("Renamed"))
                .body("extent.spatial.bbox[0]", equalTo(List.of(20f, 40f, 21f, 41f)));
        createItem(writerKey, id, item("later", box(30, 50, 31, 51), "2024-06-01T00:00:00Z"));
        as(readerKey).when().get(COLLECTION, id).then()
                .body("extent.spatial.bbox[0]", equalTo(List.of(20f, 40f, 31f, 51f)));

        // an extent of the writer's own is kept, for every reader
        ObjectNode declared = collection(id);
        ObjectNode extent = declared.putObject("extent");
        extent.putObject("spatial").putArray("bbox").addArray().add(19.5).add(39.5).add(32.5).add(52.5);
        extent.putObject("temporal").putArray("interval").addArray().add("2024-01-01T00:00:00Z").addNull();
        put(TestApiKeys.admin(), declared, COLLECTION, id).statusCode(200);
        as(readerKey).when().get(COLLECTION, id).then()
                .body("extent.spatial.bbox[0]", equalTo(List.of(19.5f, 39.5f, 32.5f, 52.5f)));
    }

    /**
     * The collection of a source type holds everyone's files of that type: whatever extent it is
     * written with, each reader sees the one of the items they may read.
     */
    @Test
    void theExtentOfASourceTypesCollectionStaysComputedForEachReader() throws Exception {
        String id = SourceType.LAND_SUBSIDENCE.collectionId();
        int gone = as(TestApiKeys.admin()).when().delete(COLLECTION, id).then().extract().statusCode();
        assertTrue(gone == 204 || gone == 404, "status " + gone);
        WorkerItems.catalogued(id, "uploader-" + UUID.randomUUID());
        createItem(writerKey, id, item("shared", box(20, 40, 21, 41), "2024-05-01T00:00:00Z"));

        writeBackAsReadWithATitle(TestApiKeys.admin(), id);

        for (String stranger : List.of(writerKey, readerKey)) {
            as(stranger).when().get(COLLECTION, id).then().statusCode(200)
                    .body("title", equalTo("Renamed"))
                    .body("extent.spatial.bbox[0]", equalTo(List.of(20f, 40f, 21f, 41f)));
        }
        given().when().get(COLLECTION, id).then().statusCode(200)
                .body("extent.spatial.bbox[0]", equalTo(List.of(20f, 40f, 21f, 41f)));
        createItem(writerKey, id, item("later", box(30, 50, 31, 51), "2024-06-01T00:00:00Z"));
        as(writerKey).when().get(COLLECTION, id).then()
                .body("extent.spatial.bbox[0]", equalTo(List.of(20f, 40f, 31f, 51f)));
        assertEquals(List.of(20f, 40f, 31f, 51f), listed(writerKey, id).getList("extent.spatial.bbox[0]", Float.class));
    }

    /** The natural edit: GET, change the title, PUT the document back on its ETag. */
    private static void writeBackAsReadWithATitle(String apiKey, String id) throws Exception {
        Response read = as(apiKey).when().get(COLLECTION, id);
        ObjectNode document = (ObjectNode) StacFixtures.JSON.readTree(read.asString());
        assertEquals(List.of(7f, 40f, 21f, 46f), read.jsonPath().getList("extent.spatial.bbox[0]", Float.class),
                "the writer reads the other owner's private item into the extent");
        putIf(apiKey, "If-Match", read.header("ETag"), document.put("title", "Renamed"), COLLECTION, id).statusCode(200);
    }

    /** The collection as the collection list shows it to the caller, paging until it is found. */
    private static JsonPath listed(String apiKey, String id) {
        String next = BASE + "/collections?limit=1000";
        while (next != null) {
            JsonPath page = as(apiKey).when().get(next).then().statusCode(200).extract().jsonPath();
            if (page.getList("collections.id").contains(id)) {
                return page.setRootPath("collections.find { it.id == '" + id + "' }");
            }
            next = page.getString("links.find { it.rel == 'next' }.href");
        }
        throw new AssertionError("collection " + id + " is on no page");
    }

    @Test
    void writesOfACollectionOnAStaleETagAreRefusedAndChangeNothing() {
        String id = uniqueId("guarded");
        String read = put(writerKey, collection(id), COLLECTION, id).statusCode(201).extract().header("ETag");
        String current = put(writerKey, collection(id).put("title", "First"), COLLECTION, id)
                .statusCode(200).extract().header("ETag");

        assertPreconditionFailed(putIf(writerKey, "If-Match", read, collection(id).put("title", "Second"), COLLECTION, id));
        assertPreconditionFailed(putIf(writerKey, "If-None-Match", "*", collection(id).put("title", "Second"), COLLECTION, id));
        assertPreconditionFailed(deleteIf(writerKey, "If-Match", read, COLLECTION, id));

        as(readerKey).when().get(COLLECTION, id).then()
                .statusCode(200).header("ETag", current).body("title", equalTo("First"));
        String next = putIf(writerKey, "If-Match", current, collection(id).put("title", "Second"), COLLECTION, id)
                .statusCode(200).body("title", equalTo("Second")).extract().header("ETag");
        deleteIf(writerKey, "If-Match", next, COLLECTION, id).statusCode(204);
        as(readerKey).when().get(COLLECTION, id).then().statusCode(404);
    }

    @Test
    void ifMatchOnACollectionThatDoesNotExistIsRefusedAndIfNoneMatchAnyCreatesIt() {
        String id = uniqueId("absent");

        assertPreconditionFailed(putIf(writerKey, "If-Match", "*", collection(id), COLLECTION, id));
        as(readerKey).when().get(COLLECTION, id).then().statusCode(404);

        putIf(writerKey, "If-None-Match", "*", collection(id), COLLECTION, id).statusCode(201);
    }

    /** The second of two removals of one collection at once finds it gone (404), not a 500. */
    @Test
    void aCollectionRemovedWhileAnotherRemovalIsUnderWayIsNotFound() throws Exception {
        String id = uniqueId("removed-twice");
        createCollection(writerKey, id);

        int status = OpenTransaction.whileOpen(() -> StacCollection.deleteById(id),
                () -> as(writerKey).when().delete(COLLECTION, id).then().extract().statusCode());

        assertEquals(404, status);
    }

    /** A PUT of a collection that another request removes meanwhile is a conflict to retry, not a 500. */
    @Test
    void aCollectionReplacedWhileItIsBeingRemovedIsAConflictToRetry() throws Exception {
        String id = uniqueId("replaced-removed");
        createCollection(writerKey, id);

        int status = OpenTransaction.whileOpen(() -> StacCollection.deleteById(id),
                () -> put(writerKey, collection(id), COLLECTION, id).extract().statusCode());

        assertEquals(409, status);
        put(writerKey, collection(id), COLLECTION, id).statusCode(201);
    }

    /** A number beyond the range of a double would be stored as the text "Infinity": refused, not changed. */
    @Test
    void aCollectionThatCannotBeStoredAsSentIsRefused() {
        String id = uniqueId("infinite");
        as(writerKey).contentType(ContentType.JSON).body("{\"description\": \"d\", \"summaries\": {\"gsd\": [1e999]}}")
                .when().put(COLLECTION, id).then()
                .statusCode(400)
                .body("description", containsString("cannot be stored as sent"));
        as(readerKey).when().get(COLLECTION, id).then().statusCode(404);
    }
}
