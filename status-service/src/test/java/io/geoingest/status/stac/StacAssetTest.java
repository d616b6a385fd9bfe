package io.geoingest.status.stac;

import static io.geoingest.status.stac.ConditionalRequests.assertNotModifiedWhileTagged;
import static io.geoingest.status.stac.ConditionalRequests.assertOneStrongTagFromEveryOrigin;
import static io.geoingest.status.stac.ConditionalRequests.assertPreconditionFailed;
import static io.geoingest.status.stac.ConditionalRequests.deleteIf;
import static io.geoingest.status.stac.ConditionalRequests.etag;
import static io.geoingest.status.stac.ConditionalRequests.putIf;
import static io.geoingest.status.stac.StacFixtures.ASSET;
import static io.geoingest.status.stac.StacFixtures.ASSETS;
import static io.geoingest.status.stac.StacFixtures.ITEM;
import static io.geoingest.status.stac.StacFixtures.JSON;
import static io.geoingest.status.stac.StacFixtures.as;
import static io.geoingest.status.stac.StacFixtures.box;
import static io.geoingest.status.stac.StacFixtures.createCollection;
import static io.geoingest.status.stac.StacFixtures.createItem;
import static io.geoingest.status.stac.StacFixtures.item;
import static io.geoingest.status.stac.StacFixtures.put;
import static io.geoingest.status.stac.StacFixtures.uniqueId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import io.geoingest.common.stac.CatalogOwnership;
import io.geoingest.common.stac.StacAsset;
import io.geoingest.common.stac.StacAssetId;
import io.geoingest.common.stac.StacItem;
import io.geoingest.common.stac.StacItemId;
import io.geoingest.status.TestFiles;
import io.geoingest.testing.AsDatabaseOwner;
import io.geoingest.testing.OpenTransaction;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.testing.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.hibernate.orm.panache.Panache;
import io.restassured.http.ContentType;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.time.Instant;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StacAssetTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CHECKSUM = "1220" + "5e".repeat(32);

    private final String writerKey = TestApiKeys.uploader("writer-" + UUID.randomUUID());
    private final String readerKey = TestApiKeys.create("reader-" + UUID.randomUUID());
    private String collectionId;

    @BeforeEach
    void createItemOfThisTest() {
        collectionId = uniqueId("assets");
        createCollection(writerKey, collectionId);
        createItem(writerKey, collectionId, item("scene", box(7, 46, 8, 47), "2024-05-01T00:00:00Z"));
    }

    private static ObjectNode asset(String type, String title, String... roles) {
        ObjectNode asset = JSON.createObjectNode().put("type", type).put("title", title);
        for (String role : roles) {
            asset.withArray("roles").add(role);
        }
        return asset;
    }

    private ValidatableResponse download(String assetId) {
        return as(readerKey).redirects().follow(false)
                .when().get(ASSET + "/download", collectionId, "scene", assetId).then();
    }

    /** A file another uploader uploads to the asset through the STAC API (not yet linked to it). */
    private FileRecord uploadedTo(String assetId, FileStatus status) {
        FileRecord file = TestFiles.file("uploader-" + UUID.randomUUID(), status);
        file.stacCollection = collectionId;
        file.stacItem = "scene";
        file.stacAsset = assetId;
        return file;
    }

    /** The asset as the upload and the worker leave it: a file (stored, in a state) uploaded to the asset and linked to it. */
    private FileRecord attachFile(String assetId, FileStatus status, byte[] bytes) {
        FileRecord file = uploadedTo(assetId, status);
        file.originalName = "scene.tif";
        file.size = bytes.length;
        file.contentType = "image/tiff";
        file.checksum = CHECKSUM;
        if (status == FileStatus.FAILED) {
            file.failureReason = "Checksum mismatch: expected " + CHECKSUM;
        }
        TestFiles.save(file);
        TestFiles.store(file, bytes, "application/octet-stream");
        AsDatabaseOwner.run(() -> {
            StacAsset asset = StacAsset.findById(new StacAssetId(collectionId, "scene", assetId));
            asset.fileId = file.id;
            asset.checksum = CHECKSUM;
            asset.href = "s3://" + TestInfrastructure.BUCKET + "/" + file.objectKey;
        });
        return file;
    }

    /**
     * Clients that go by an item's declarations (pystac's extension helpers, odc-stac, validators)
     * find the extensions of the fields it shows: the file extension of a size or an uploaded
     * file's checksum, the projection extension of proj:epsg, the raster extension of bands, the
     * datacube extension of dimensions; a version the writer declared stands.
     */
    @Test
    void anItemDeclaresTheExtensionsOfTheFieldsItsAssetsShow() {
        String projection = "https://stac-extensions.github.io/projection/v1.1.0/schema.json";
        String file = "https://stac-extensions.github.io/file/v2.1.0/schema.json";
        String raster = "https://stac-extensions.github.io/raster/v1.1.0/schema.json";
        as(readerKey).when().get(ITEM, collectionId, "scene").then().body("$", not(hasKey("stac_extensions")));

        put(writerKey, asset("image/tiff", "Scene").put("proj:epsg", 2056), ASSET, collectionId, "scene", "data")
                .statusCode(201);
        as(readerKey).when().get(ITEM, collectionId, "scene").then()
                .body("stac_extensions", equalTo(List.of(projection)));

        put(writerKey, asset("image/tiff", "Scene").put("file:size", 1024), ASSET, collectionId, "scene", "data")
                .statusCode(200);
        as(readerKey).when().get(ITEM, collectionId, "scene").then()
                .body("stac_extensions", equalTo(List.of(file)));

        ObjectNode banded = asset("image/tiff", "Scene");
        banded.putArray("raster:bands").addObject().put("data_type", "uint16");
        put(writerKey, banded, ASSET, collectionId, "scene", "data").statusCode(200);
        as(readerKey).when().get(ITEM, collectionId, "scene").then()
                .body("stac_extensions", equalTo(List.of(raster)));

        ObjectNode declared = item("scene", box(7, 46, 8, 47), "2024-05-01T00:00:00Z");
        declared.putArray("stac_extensions").add("https://stac-extensions.github.io/file/v2.0.0/schema.json");
        ((ObjectNode) declared.get("properties")).put("proj:epsg", 2056);
        put(writerKey, declared, ITEM, collectionId, "scene").statusCode(200);
        as(readerKey).when().get(ITEM, collectionId, "scene").then()
                .body("stac_extensions", equalTo(List.of("https://stac-extensions.github.io/file/v2.0.0/schema.json",
                        projection, raster)));
        as(readerKey).when().get(StacFixtures.BASE + "/search?ids=scene&collections=" + collectionId).then()
                .body("features[0].stac_extensions", equalTo(List.of(
                        "https://stac-extensions.github.io/file/v2.0.0/schema.json", projection, raster)));

        ObjectNode cube = item("cube", box(7, 46, 8, 47), "2024-05-01T00:00:00Z");
        ((ObjectNode) cube.get("properties")).putObject("cube:dimensions").putObject("time").put("type", "temporal")
                .putArray("extent").add("2024-05-01T00:00:00Z").add("2024-05-02T00:00:00Z");
        put(writerKey, cube, ITEM, collectionId, "cube").statusCode(201);
        as(readerKey).when().get(ITEM, collectionId, "cube").then()
                .body("stac_extensions", equalTo(List.of("https://stac-extensions.github.io/datacube/v2.2.0/schema.json")));

        // as the worker describes a Sentinel-1 scene; eo and view as it does a Landsat scene
        ObjectNode radar = item("radar", box(7, 46, 8, 47), "2024-05-01T00:00:00Z");
        ((ObjectNode) radar.get("properties")).put("sat:orbit_state", "ascending").put("sar:instrument_mode", "IW")
                .put("eo:cloud_cover", 0).put("view:sun_elevation", 58.8);
        put(writerKey, radar, ITEM, collectionId, "radar").statusCode(201);
        as(readerKey).when().get(ITEM, collectionId, "radar").then()
                .body("stac_extensions", equalTo(List.of("https://stac-extensions.github.io/sat/v1.0.0/schema.json",
                        "https://stac-extensions.github.io/sar/v1.0.0/schema.json",
                        "https://stac-extensions.github.io/eo/v1.1.0/schema.json",
                        "https://stac-extensions.github.io/view/v1.0.0/schema.json")));
    }

    @Test
    void putCreatesThenReplacesAssetMetadataKeepingOtherFields() {
        ObjectNode metadata = asset("image/tiff; application=geotiff", "Backscatter", "data", "visual").put("proj:epsg", 2056);

        put(writerKey, metadata, ASSET, collectionId, "scene", "backscatter.tif")
                .statusCode(201)
                .header("Location", endsWith("/items/scene/assets/backscatter.tif"))
                .body("id", equalTo("backscatter.tif"))
                .body("type", equalTo("image/tiff; application=geotiff"))
                .body("title", equalTo("Backscatter"))
                .body("roles", equalTo(List.of("data", "visual")))
                .body("'proj:epsg'", equalTo(2056))
                .body("$", not(hasKey("geoingest:status")))
                .body("links.rel", hasItems("self", "root", "parent", "item", "collection"));

        put(writerKey, asset("image/tiff", "Backscatter VV"), ASSET, collectionId, "scene", "backscatter.tif")
                .statusCode(200)
                .body("title", equalTo("Backscatter VV"))
                .body("$", not(hasKey("roles")))
                .body("$", not(hasKey("proj:epsg")));

        as(readerKey).when().get(ASSETS, collectionId, "scene").then()
                .statusCode(200)
                .body("assets.id", equalTo(List.of("backscatter.tif")))
                .body("assets[0].title", equalTo("Backscatter VV"));
        as(readerKey).when().get(ITEM, collectionId, "scene").then()
                .body("assets.'backscatter.tif'.type", equalTo("image/tiff"))
                .body("assets.'backscatter.tif'", not(hasKey("id")));
    }

    /** The README's flow: PUT the asset, then upload its file. STAC requires an href meanwhile too. */
    @Test
    void anAssetWhoseFileIsYetToBeUploadedLinksToWhereItsFileWillBe() {
        put(writerKey, asset("image/tiff", "Scene"), ASSET, collectionId, "scene", "data").statusCode(201)
                .body("href", endsWith("/api/stac/v1/collections/" + collectionId + "/items/scene/assets/data/download"));
        String href = as(readerKey).when().get(ITEM, collectionId, "scene").then()
                .statusCode(200)
                .body("assets.data.href", endsWith("/items/scene/assets/data/download"))
                .extract().path("assets.data.href");

        as(readerKey).redirects().follow(false).when().get(href).then()
                .statusCode(404)
                .contentType("application/json")
                .body("code", equalTo(404))
                .body("description", containsString("no file yet"));

        attachFile("data", FileStatus.COMPLETED, new byte[] {1, 2, 3});
        as(readerKey).when().get(ITEM, collectionId, "scene").then().body("assets.data.href", equalTo(href));
        as(readerKey).redirects().follow(false).when().get(href).then().statusCode(302);
    }

    @Test
    void externalHrefIsShownAsGivenButAStorageLocationIsRefused() {
        put(writerKey, asset("text/html", "Documentation").put("href", "https://example.org/scene.html"),
                ASSET, collectionId, "scene", "docs")
                .statusCode(201).body("href", equalTo("https://example.org/scene.html"));

        put(writerKey, asset("image/tiff", "Data").put("href", "s3://geoingest/elsewhere.tif"),
                ASSET, collectionId, "scene", "data")
                .statusCode(400).body("description", containsString("href"));
    }

    @Test
    void invalidAssetsAreBadRequestsAndMissingOnesNotFound() {
        put(writerKey, asset("image/tiff", "Data").put("roles", "data"), ASSET, collectionId, "scene", "data")
                .statusCode(400).body("description", containsString("roles"));
        put(writerKey, asset("image/tiff", "Data").put("id", "other"), ASSET, collectionId, "scene", "data")
                .statusCode(400).body("description", containsString("does not match"));
        put(writerKey, asset("image/tiff", "Data"), ASSET, collectionId, "no-such-item", "data")
                .statusCode(404).body("description", equalTo("Item not found"));
        // the type is the Content-Type the asset's file is served with
        for (String type : List.of("GeoTIFF", "image/tiff\r\nX-Injected: yes", "image/tiff; application")) {
            put(writerKey, asset(type, "Data"), ASSET, collectionId, "scene", "data").statusCode(400)
                    .body("description", equalTo("type must be a media type (such as image/tiff; application=geotiff), not '"
                            + type + "'"));
        }
        put(writerKey, asset("image/tiff; application=geotiff; profile=\"cloud optimized\"", "Data"), ASSET, collectionId,
                "scene", "typed").statusCode(201);
        as(readerKey).when().get(ASSET, collectionId, "scene", "data").then()
                .statusCode(404).body("code", equalTo(404)).body("description", equalTo("Asset not found"));
        as(readerKey).when().get(ASSETS, collectionId, "no-such-item").then().statusCode(404);
        put(readerKey, asset("image/tiff", "Data"), ASSET, collectionId, "scene", "data").statusCode(403);
    }

    /**
     * An item is sent whole, with its assets: thousands of 1 MiB assets on one item made each read
     * of it take gigabytes of the service's heap. Its assets fit in a page's budget together.
     */
    @Test
    void theAssetsOfAnItemTakeEightMebibytesTogetherAtMost() {
        String nearlyAMebibyte = "x".repeat(1000 * 1000);
        for (int i = 1; i <= 8; i++) {
            put(writerKey, asset("image/tiff", "band " + i, "data").put("description", nearlyAMebibyte),
                    ASSET, collectionId, "scene", "band-" + i).statusCode(201);
        }

        put(writerKey, asset("image/tiff", "band 9", "data").put("description", nearlyAMebibyte),
                ASSET, collectionId, "scene", "band-9")
                .statusCode(400)
                .body("description", startsWith("The assets of an item may take at most 8 MiB of JSON together"));

        as(readerKey).when().get(ASSET, collectionId, "scene", "band-9").then().statusCode(404);
        put(writerKey, asset("image/tiff", "band 8", "data"), ASSET, collectionId, "scene", "band-8").statusCode(200);
        put(writerKey, asset("image/tiff", "band 9", "data"), ASSET, collectionId, "scene", "band-9").statusCode(201);
        as(readerKey).when().get(ITEM, collectionId, "scene").then().statusCode(200)
                .body("assets.size()", equalTo(9));
    }

    @Test
    void deleteRemovesTheAssetOnce() {
        put(writerKey, asset("image/tiff", "Data"), ASSET, collectionId, "scene", "data").statusCode(201);

        as(writerKey).when().delete(ASSET, collectionId, "scene", "data").then().statusCode(204);

        as(readerKey).when().get(ASSET, collectionId, "scene", "data").then().statusCode(404);
        as(writerKey).when().delete(ASSET, collectionId, "scene", "data").then().statusCode(404);
    }

    @Test
    void anotherOwnersUploadedFileKeepsItsCatalogEntriesFromAThirdUploader() {
        put(writerKey, asset("image/tiff", "Data"), ASSET, collectionId, "scene", "data").statusCode(201);
        FileRecord file = attachFile("data", FileStatus.COMPLETED, new byte[] {1, 2, 3});
        String thirdKey = TestApiKeys.uploader("third-" + UUID.randomUUID());

        assertForbidden(as(thirdKey).when().delete(ASSET, collectionId, "scene", "data").then(), "Asset data");
        assertForbidden(put(thirdKey, item("scene", box(0, 0, 1, 1), "2020-01-01T00:00:00Z"), ITEM, collectionId, "scene"),
                "Item scene");
        assertForbidden(as(thirdKey).when().delete(ITEM, collectionId, "scene").then(), "Item scene");
        assertForbidden(as(thirdKey).when().delete(StacFixtures.COLLECTION, collectionId).then(),
                "Collection " + collectionId);
        as(readerKey).when().get(ASSET, collectionId, "scene", "data").then()
                .statusCode(200).body("'geoingest:status'", equalTo("COMPLETED"));
        as(readerKey).when().get(ITEM, collectionId, "scene").then()
                .statusCode(200).body("properties.datetime", equalTo("2024-05-01T00:00:00Z")).body("assets", hasKey("data"));

        put(thirdKey, asset("image/tiff", "Renamed"), ASSET, collectionId, "scene", "data").statusCode(200);
        as(TestApiKeys.uploader(file.owner)).when().delete(ASSET, collectionId, "scene", "data").then().statusCode(204);
    }

    @Test
    void whoeverCreatedAnItemMayRemoveItThoughAnotherOwnersFileIsInIt() {
        put(writerKey, asset("image/tiff", "Data"), ASSET, collectionId, "scene", "data").statusCode(201);
        attachFile("data", FileStatus.COMPLETED, new byte[] {1, 2, 3});

        as(writerKey).when().delete(ITEM, collectionId, "scene").then().statusCode(204);

        as(readerKey).when().get(ITEM, collectionId, "scene").then().statusCode(404);
    }

    @Test
    void anAdminMayRemoveWhatHoldsAnyonesFile() {
        put(writerKey, asset("image/tiff", "Data"), ASSET, collectionId, "scene", "data").statusCode(201);
        attachFile("data", FileStatus.COMPLETED, new byte[] {1, 2, 3});

        as(TestApiKeys.admin()).when().delete(StacFixtures.COLLECTION, collectionId).then().statusCode(204);

        as(readerKey).when().get(ITEM, collectionId, "scene").then().statusCode(404);
    }

    @Test
    void aFileLinkedWhileItsItemIsBeingRemovedIsSeenNotRemovedWithIt() throws Exception {
        put(writerKey, asset("image/tiff", "Data"), ASSET, collectionId, "scene", "data").statusCode(201);
        FileRecord file = TestFiles.save(uploadedTo("data", FileStatus.QUEUED));
        String thirdKey = TestApiKeys.uploader("third-" + UUID.randomUUID());

        int status = OpenTransaction.whileOpen(() -> {
            StacAsset asset = StacAsset.findById(new StacAssetId(collectionId, "scene", "data"));
            asset.fileId = file.id;
            asset.checksum = CHECKSUM;
        }, () -> as(thirdKey).when().delete(ITEM, collectionId, "scene").then().extract().statusCode());

        assertEquals(403, status);
        as(readerKey).when().get(ITEM, collectionId, "scene").then().statusCode(200).body("assets", hasKey("data"));
    }

    /** Locking every item of a large collection only to refuse would hold up the worker cataloguing into it. */
    @Test
    void aRefusedRemovalIsAnsweredWithoutWaitingForWritesInTheCollection() throws Exception {
        put(writerKey, asset("image/tiff", "Data"), ASSET, collectionId, "scene", "data").statusCode(201);
        attachFile("data", FileStatus.COMPLETED, new byte[] {1, 2, 3});
        String thirdKey = TestApiKeys.uploader("third-" + UUID.randomUUID());

        int status = OpenTransaction.answeredWhileOpen(() -> {
            StacItem item = StacItem.findById(new StacItemId(collectionId, "scene"));
            item.updatedAt = Instant.now();
        }, () -> as(thirdKey).when().delete(StacFixtures.COLLECTION, collectionId).then().extract().statusCode());

        assertEquals(403, status);
    }

    @Test
    void anItemCataloguedWhileItsCollectionIsBeingRemovedIsSeenNotRemovedWithIt() throws Exception {
        FileRecord file = TestFiles.save(TestFiles.file("uploader-" + UUID.randomUUID(), FileStatus.COMPLETED));
        String thirdKey = TestApiKeys.uploader("third-" + UUID.randomUUID());

        int status = OpenTransaction.whileOpen(() -> WorkerItems.catalogue(collectionId, file),
                () -> as(thirdKey).when().delete(StacFixtures.COLLECTION, collectionId).then().extract().statusCode());

        assertEquals(403, status);
        as(TestApiKeys.uploader(file.owner)).when().get(ITEM, collectionId, file.id).then().statusCode(200);
    }

    private static void assertForbidden(ValidatableResponse response, String what) {
        response.statusCode(403)
                .body("code", equalTo(403))
                .body("description", equalTo(what + " " + CatalogOwnership.HOLDS_OTHER_OWNERS_FILE));
    }

    @Test
    void assetWithAFileLinksToAStableDownloadThatRedirectsToTheBytes() throws Exception {
        put(writerKey, JSON.createObjectNode().put("title", "Scene"), ASSET, collectionId, "scene", "data").statusCode(201);
        byte[] bytes = new byte[300_000];
        new Random(42).nextBytes(bytes);
        attachFile("data", FileStatus.COMPLETED, bytes);

        String href = as(readerKey).when().get(ASSET, collectionId, "scene", "data").then()
                .statusCode(200)
                .body("href", endsWith("/api/stac/v1/collections/" + collectionId + "/items/scene/assets/data/download"))
                .body("type", equalTo("image/tiff"))
                .body("'file:checksum'", equalTo(CHECKSUM))
                .body("'geoingest:status'", equalTo("COMPLETED"))
                .body("$", not(hasKey("geoingest:error")))
                .extract().path("href");
        as(readerKey).when().get(ITEM, collectionId, "scene").then()
                .body("assets.data.href", equalTo(href))
                .body("assets.data.'geoingest:status'", equalTo("COMPLETED"));

        String location = as(readerKey).redirects().follow(false).when().get(href).then()
                .statusCode(302)
                .extract().header("Location");
        assertTrue(location.contains("X-Amz-Signature="), location);
        HttpResponse<byte[]> stored = HTTP.send(HttpRequest.newBuilder(URI.create(location)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, stored.statusCode());
        assertArrayEquals(bytes, stored.body());
    }

    /**
     * The file API answers 404 to anyone but a file's owner and files_admin: the worker's item of
     * a file uploaded there must not hand the file out, nor show it is there.
     */
    @Test
    void theItemOfAFileUploadedThroughTheFileApiIsItsOwnersAndAdminsAlone() throws Exception {
        String files = uniqueId("files");
        FileRecord file = WorkerItems.catalogued(files, "uploader-" + UUID.randomUUID());
        byte[] bytes = {4, 5, 6};
        TestFiles.store(file, bytes, "image/tiff");

        for (String stranger : List.of(readerKey, writerKey)) {
            as(stranger).when().get(ITEM, files, file.id).then()
                    .statusCode(404).body("code", equalTo(404)).body("description", equalTo("Item not found"));
            as(stranger).when().get(ASSETS, files, file.id).then()
                    .statusCode(404).body("description", equalTo("Item not found"));
            as(stranger).when().get(ASSET, files, file.id, "data").then()
                    .statusCode(404).body("description", equalTo("Asset not found"));
            as(stranger).redirects().follow(false).when().get(ASSET + "/download", files, file.id, "data").then()
                    .statusCode(404).body("code", equalTo(404)).body("description", equalTo("Asset not found"));
        }
        put(writerKey, asset("image/tiff", "Taken"), ASSET, files, file.id, "data").statusCode(404)
                .body("description", equalTo("Item not found"));

        for (String mayRead : List.of(TestApiKeys.uploader(file.owner), TestApiKeys.admin())) {
            as(mayRead).when().get(ITEM, files, file.id).then().statusCode(200).body("assets.data.title", equalTo("scene.tif"));
            as(mayRead).when().get(ASSETS, files, file.id).then().statusCode(200);
            String location = as(mayRead).redirects().follow(false)
                    .when().get(ASSET + "/download", files, file.id, "data").then()
                    .statusCode(302).extract().header("Location");
            HttpResponse<byte[]> stored = HTTP.send(HttpRequest.newBuilder(URI.create(location)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertArrayEquals(bytes, stored.body());
        }
    }

    /**
     * The item's geometry and properties were read from the private file: removing the asset that
     * holds the file, or replacing the item's document, does not make the item anyone's to read.
     */
    @Test
    void theItemOfAFileUploadedThroughTheFileApiStaysPrivateWithoutItsAsset() {
        String files = uniqueId("files");
        FileRecord file = WorkerItems.catalogued(files, "uploader-" + UUID.randomUUID());
        String ownerKey = TestApiKeys.uploader(file.owner);

        as(ownerKey).when().delete(ASSET, files, file.id, "data").then().statusCode(204);
        put(ownerKey, item(file.id.toString(), box(7, 46, 8, 47), "2024-05-01T00:00:00Z"), ITEM, files, file.id)
                .statusCode(200);

        assertHiddenFromStrangers(files, file);
        // nor may another writer replace or remove it, as while its asset held the file
        assertIdTaken(put(writerKey, item(file.id.toString(), box(0, 0, 1, 1), "2024-05-01T00:00:00Z"), ITEM, files,
                file.id));
        as(writerKey).when().delete(ITEM, files, file.id).then().statusCode(404)
                .body("description", equalTo("Item not found"));
        assertForbidden(as(writerKey).when().delete(StacFixtures.COLLECTION, files).then(), "Collection " + files);
        as(ownerKey).when().get(ITEM, files, file.id).then().statusCode(200)
                .body("geometry.type", equalTo("Polygon"));
    }

    /**
     * A refusal would tell another writer that the item is there (and so that its file is), which
     * a read of it does not: every write to it or its assets is answered as one to a missing item,
     * but a creation, which cannot take the id.
     */
    @Test
    void aStrangersWritesToAnotherOwnersPrivateItemAreAnsweredAsToAMissingItem() {
        String files = uniqueId("files");
        FileRecord file = WorkerItems.catalogued(files, "uploader-" + UUID.randomUUID());
        String hidden = file.id.toString();

        for (String id : List.of(hidden, UUID.randomUUID().toString())) {
            as(writerKey).when().delete(ITEM, files, id).then()
                    .statusCode(404).body("code", equalTo(404)).body("description", equalTo("Item not found"));
            deleteIf(writerKey, "If-Match", "*", ITEM, files, id).statusCode(404)
                    .body("description", equalTo("Item not found"));
            as(writerKey).when().delete(ASSET, files, id, "data").then()
                    .statusCode(404).body("code", equalTo(404)).body("description", equalTo("Asset not found"));
            deleteIf(writerKey, "If-Match", "*", ASSET, files, id, "data").statusCode(404)
                    .body("description", equalTo("Asset not found"));
            put(writerKey, asset("image/tiff", "Taken"), ASSET, files, id, "data").statusCode(404)
                    .body("description", equalTo("Item not found"));
            assertPreconditionFailed(putIf(writerKey, "If-Match", "*", item(id, box(0, 0, 1, 1), "2024-05-01T00:00:00Z"),
                    ITEM, files, id));
        }
        assertIdTaken(put(writerKey, item(hidden, box(0, 0, 1, 1), "2024-05-01T00:00:00Z"), ITEM, files, hidden));
        assertIdTaken(putIf(writerKey, "If-None-Match", "*", item(hidden, box(0, 0, 1, 1), "2024-05-01T00:00:00Z"),
                ITEM, files, hidden));

        as(TestApiKeys.uploader(file.owner)).when().get(ITEM, files, hidden).then().statusCode(200)
                .body("geometry.type", equalTo("Point"))
                .body("assets.data.title", equalTo("scene.tif"));
        // the collection is there for all to see: what it holds of others' still refuses its removal
        assertForbidden(as(writerKey).when().delete(StacFixtures.COLLECTION, files).then(), "Collection " + files);
    }

    /** A PUT on the id of an item the caller may not see: the id is in use, and nothing more is said. */
    private static void assertIdTaken(ValidatableResponse response) {
        response.statusCode(409)
                .body("code", equalTo(409))
                .body("description", equalTo("The item id is taken: choose another id"));
    }

    /** An item made before V12, whose private_owner the migration's backfill derived from its asset's file. */
    @Test
    void anItemBackfilledAsPrivateStaysHidden() {
        String files = uniqueId("files");
        FileRecord file = WorkerItems.catalogued(files, "uploader-" + UUID.randomUUID());
        AsDatabaseOwner.run(() -> {
            EntityManager entityManager = Panache.getEntityManager();
            entityManager.createNativeQuery("update stac_item set private_owner = null where collection_id = ?1")
                    .setParameter(1, files).executeUpdate();
            entityManager.createNativeQuery(backfill() + " and i.collection_id = ?1").setParameter(1, files).executeUpdate();
        });

        assertHiddenFromStrangers(files, file);
        as(TestApiKeys.uploader(file.owner)).when().get(ITEM, files, file.id).then().statusCode(200);
    }

    /** The backfill statement of the V12 migration, as it ran on the items it found. */
    private static String backfill() {
        try (InputStream migration = StacAssetTest.class.getResourceAsStream(
                "/db/migration/V12__stac_item_private_owner.sql")) {
            String text = new String(migration.readAllBytes(), StandardCharsets.UTF_8);
            int start = text.indexOf("update stac_item");
            return text.substring(start, text.indexOf(';', start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertHiddenFromStrangers(String collection, FileRecord file) {
        for (String stranger : List.of(readerKey, writerKey)) {
            as(stranger).when().get(ITEM, collection, file.id).then()
                    .statusCode(404).body("description", equalTo("Item not found"));
            as(stranger).when().get(StacFixtures.ITEMS, collection).then()
                    .statusCode(200).body("features", hasSize(0));
            as(stranger).when().get(StacFixtures.BASE + "/search?collections=" + collection).then()
                    .statusCode(200).body("features", hasSize(0));
            as(stranger).contentType(ContentType.JSON).body("{\"ids\": [\"" + file.id + "\"]}")
                    .when().post(StacFixtures.BASE + "/search").then()
                    .statusCode(200).body("features", hasSize(0));
        }
    }

    /** The STAC upload spec: a compressed file is delivered compressed, "as indicated by the Content-Encoding header". */
    @Test
    void aFileUploadedCompressedIsServedAsTheTypeTheAssetDeclares() throws Exception {
        put(writerKey, asset("application/geo+json", "Roads"), ASSET, collectionId, "scene", "roads").statusCode(201);
        FileRecord file = attachFile("roads", FileStatus.COMPLETED, new byte[] {0x1f, (byte) 0x8b, 8, 0});
        AsDatabaseOwner.run(() -> FileRecord.<FileRecord>findById(file.id).contentType = "application/gzip");

        String location = download("roads").statusCode(302).extract().header("Location");
        HttpResponse<byte[]> stored = HTTP.send(HttpRequest.newBuilder(URI.create(location)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals("application/geo+json", stored.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void failedFileIsShownWithItsErrorAndCannotBeDownloaded() {
        put(writerKey, asset("image/tiff", "Scene"), ASSET, collectionId, "scene", "data").statusCode(201);
        attachFile("data", FileStatus.FAILED, new byte[] {1, 2, 3});

        as(readerKey).when().get(ASSET, collectionId, "scene", "data").then()
                .statusCode(200)
                .body("'geoingest:status'", equalTo("FAILED"))
                .body("'geoingest:error'", equalTo("Checksum mismatch: expected " + CHECKSUM));
        download("data").statusCode(409).body("code", equalTo(409)).body("description", containsString("failed"));
    }

    @Test
    void fileStillProcessingCannotBeDownloadedYetAndAnAssetWithoutFileNotAtAll() {
        put(writerKey, asset("image/tiff", "Scene"), ASSET, collectionId, "scene", "queued").statusCode(201);
        attachFile("queued", FileStatus.QUEUED, new byte[] {1, 2, 3});
        put(writerKey, asset("image/tiff", "Nothing yet"), ASSET, collectionId, "scene", "empty").statusCode(201);

        download("queued").statusCode(409).body("description", containsString("QUEUED"));
        download("empty").statusCode(404).body("description", containsString("no file yet"));
        download("missing").statusCode(404).body("description", equalTo("Asset not found"));
    }

    @Test
    void metadataWritesKeepTheUploadedFile() {
        put(writerKey, asset("image/tiff", "Scene"), ASSET, collectionId, "scene", "data").statusCode(201);
        attachFile("data", FileStatus.COMPLETED, new byte[] {1, 2, 3});

        put(writerKey, asset("image/tiff; application=geotiff", "Renamed").put("href", "https://example.org/x.tif"),
                ASSET, collectionId, "scene", "data")
                .statusCode(200)
                .body("title", equalTo("Renamed"))
                .body("href", endsWith("/assets/data/download"))
                .body("'file:checksum'", equalTo(CHECKSUM))
                .body("'geoingest:status'", equalTo("COMPLETED"));
    }

    /** The properties the worker stores on the asset when it has processed the asset's file. */
    private void processed(String assetId, ObjectNode properties) {
        AsDatabaseOwner.run(() -> {
            StacAsset asset = StacAsset.findById(new StacAssetId(collectionId, "scene", assetId));
            asset.properties = properties;
        });
    }

    /**
     * What processing found of the file is the worker's, as its checksum and status are: a write of
     * the asset's metadata (a new title) neither drops the size the worker measured nor replaces
     * it with what the client says.
     */
    @Test
    void metadataWritesKeepTheSizeProcessingMeasuredAndCannotForgeIt() {
        put(writerKey, asset("image/tiff", "Scene"), ASSET, collectionId, "scene", "data").statusCode(201);
        attachFile("data", FileStatus.COMPLETED, new byte[] {1, 2, 3});
        processed("data", JSON.createObjectNode().put("geoingest:status", "COMPLETED").put("file:size", 3));

        put(writerKey, asset("image/tiff", "Renamed").put("file:size", 1), ASSET, collectionId, "scene", "data")
                .statusCode(200)
                .body("title", equalTo("Renamed"))
                .body("'file:size'", equalTo(3));
        as(readerKey).when().get(ASSET, collectionId, "scene", "data").then()
                .statusCode(200)
                .body("title", equalTo("Renamed"))
                .body("'file:size'", equalTo(3));
    }

    /**
     * file:size is the STAC file extension's: on an asset with an external href and no uploaded
     * file, nothing else sets it, and the client's is kept. Once the asset holds a file of ours, the
     * size is processing's, and the client's is ignored (also before processing has measured one).
     */
    @Test
    void theClientsSizeIsKeptOnAnAssetWithoutAnUploadedFileOnly() {
        ObjectNode external = asset("image/tiff", "Elsewhere").put("href", "https://example.org/scene.tif")
                .put("file:size", 1234);
        put(writerKey, external, ASSET, collectionId, "scene", "external")
                .statusCode(201)
                .body("'file:size'", equalTo(1234));
        put(writerKey, external.put("file:size", 4321), ASSET, collectionId, "scene", "external")
                .statusCode(200)
                .body("'file:size'", equalTo(4321));
        as(readerKey).when().get(ASSET, collectionId, "scene", "external").then()
                .statusCode(200)
                .body("href", equalTo("https://example.org/scene.tif"))
                .body("'file:size'", equalTo(4321));

        put(writerKey, asset("image/tiff", "Scene"), ASSET, collectionId, "scene", "data").statusCode(201);
        attachFile("data", FileStatus.QUEUED, new byte[] {1, 2, 3});
        put(writerKey, asset("image/tiff", "Scene").put("file:size", 5), ASSET, collectionId, "scene", "data")
                .statusCode(200)
                .body("$", not(hasKey("file:size")));
    }

    /**
     * Why processing failed is shown once, as geoingest:error, from the file itself: the reason the
     * worker also keeps on the asset is not repeated, and a client cannot write one.
     */
    @Test
    void aFailureReasonIsShownOnceAndCannotBeForged() {
        put(writerKey, asset("image/tiff", "Scene"), ASSET, collectionId, "scene", "data").statusCode(201);
        attachFile("data", FileStatus.FAILED, new byte[] {1, 2, 3});
        processed("data", JSON.createObjectNode().put("geoingest:status", "FAILED")
                .put("geoingest:reason", "Checksum mismatch: expected " + CHECKSUM));

        as(readerKey).when().get(ASSET, collectionId, "scene", "data").then()
                .statusCode(200)
                .body("'geoingest:error'", equalTo("Checksum mismatch: expected " + CHECKSUM))
                .body("$", not(hasKey("geoingest:reason")));
        put(writerKey, asset("image/tiff", "Scene").put("geoingest:reason", "all fine"), ASSET, collectionId, "scene", "data")
                .statusCode(200)
                .body("'geoingest:error'", equalTo("Checksum mismatch: expected " + CHECKSUM))
                .body("$", not(hasKey("geoingest:reason")));
    }

    /**
     * The worker records what it found of the file (size, status, checksum) while a PUT of the
     * asset's metadata is under way: the PUT waits for it and keeps its findings, rather than
     * writing back the asset as it read it before, which would undo them.
     */
    @Test
    void aMetadataWriteWhileTheWorkerRecordsItsFindingsKeepsThem() throws Exception {
        put(writerKey, asset("image/tiff", "Scene"), ASSET, collectionId, "scene", "data").statusCode(201);
        attachFile("data", FileStatus.COMPLETED, new byte[] {1, 2, 3});
        String measured = "1220" + "7a".repeat(32);

        int status = OpenTransaction.whileOpen(() -> {
            // as the worker's StacCatalog.updateAsset does it
            StacAsset asset = StacAsset.findById(new StacAssetId(collectionId, "scene", "data"),
                    jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            asset.checksum = measured;
            asset.properties = JSON.createObjectNode().put("geoingest:status", "COMPLETED").put("file:size", 3);
            asset.updatedAt = Instant.now();
        }, () -> put(writerKey, asset("image/tiff", "Renamed"), ASSET, collectionId, "scene", "data")
                .extract().statusCode());

        assertEquals(200, status);
        as(readerKey).when().get(ASSET, collectionId, "scene", "data").then()
                .statusCode(200)
                .body("title", equalTo("Renamed"))
                .body("'file:size'", equalTo(3))
                .body("'file:checksum'", equalTo(measured));
        StacAsset stored = QuarkusTransaction.requiringNew().call(
                () -> StacAsset.<StacAsset>findById(new StacAssetId(collectionId, "scene", "data")));
        assertEquals("COMPLETED", stored.properties.path("geoingest:status").asText());
    }

    /**
     * Two removals of one asset at once: the one that comes second finds it gone (404), as it
     * would a moment later, instead of failing on the row the first one removed (500).
     */
    @Test
    void anAssetRemovedWhileAnotherRemovalIsUnderWayIsNotFound() throws Exception {
        put(writerKey, asset("image/tiff", "Data"), ASSET, collectionId, "scene", "data").statusCode(201);

        int status = OpenTransaction.whileOpen(
                () -> StacAsset.deleteById(new StacAssetId(collectionId, "scene", "data")),
                () -> as(writerKey).when().delete(ASSET, collectionId, "scene", "data").then().extract().statusCode());

        assertEquals(404, status);
    }

    /**
     * A PUT of an asset that another request removes meanwhile waits for the removal (it locks the
     * asset's row) and then creates the asset anew, as a retry would; not a 500.
     */
    @Test
    void anAssetReplacedWhileItIsBeingRemovedIsCreatedAnew() throws Exception {
        put(writerKey, asset("image/tiff", "Data"), ASSET, collectionId, "scene", "data").statusCode(201);

        int status = OpenTransaction.whileOpen(
                () -> StacAsset.deleteById(new StacAssetId(collectionId, "scene", "data")),
                () -> put(writerKey, asset("image/tiff", "Other"), ASSET, collectionId, "scene", "data")
                        .extract().statusCode());

        assertEquals(201, status);
        as(readerKey).when().get(ASSET, collectionId, "scene", "data").then()
                .statusCode(200)
                .body("title", equalTo("Other"));
    }

    /**
     * An asset's document shows its file (checksum, processing state) and its item's shows its
     * assets: their tags change with what the upload and the worker record, in the asset's row or
     * only in its file's.
     */
    @Test
    void theETagsOfAnAssetAndItsItemFollowTheAssetAndItsFile() {
        String created = put(writerKey, asset("image/tiff", "Scene"), ASSET, collectionId, "scene", "data")
                .statusCode(201).extract().header("ETag");
        String tag = assertOneStrongTagFromEveryOrigin(readerKey, ASSET, collectionId, "scene", "data");
        assertEquals(created, tag);
        assertNotModifiedWhileTagged(readerKey, tag, ASSET, collectionId, "scene", "data");
        String itemTag = etag(readerKey, ITEM, collectionId, "scene");

        String renamed = put(writerKey, asset("image/tiff", "Renamed"), ASSET, collectionId, "scene", "data")
                .statusCode(200).extract().header("ETag");
        assertNotEquals(tag, renamed);
        assertEquals(renamed, etag(readerKey, ASSET, collectionId, "scene", "data"));
        String itemWithRenamed = etag(readerKey, ITEM, collectionId, "scene");
        assertNotEquals(itemTag, itemWithRenamed);

        FileRecord file = attachFile("data", FileStatus.QUEUED, new byte[] {1, 2, 3});
        String uploaded = etag(readerKey, ASSET, collectionId, "scene", "data");
        String itemWithUploaded = etag(readerKey, ITEM, collectionId, "scene");
        assertNotEquals(renamed, uploaded);
        assertNotEquals(itemWithRenamed, itemWithUploaded);

        TestFiles.update(file.id, processed -> processed.status = FileStatus.COMPLETED);
        as(readerKey).when().get(ASSET, collectionId, "scene", "data").then()
                .statusCode(200)
                .body("'geoingest:status'", equalTo("COMPLETED"))
                .header("ETag", not(equalTo(uploaded)));
        assertNotEquals(itemWithUploaded, etag(readerKey, ITEM, collectionId, "scene"));
    }

    @Test
    void writesOfAnAssetOnAStaleETagAreRefusedAndChangeNothing() {
        String read = put(writerKey, asset("image/tiff", "Scene"), ASSET, collectionId, "scene", "data")
                .statusCode(201).extract().header("ETag");
        attachFile("data", FileStatus.COMPLETED, new byte[] {1, 2, 3});
        String current = etag(readerKey, ASSET, collectionId, "scene", "data");

        assertPreconditionFailed(putIf(writerKey, "If-Match", read, asset("image/tiff", "Renamed"),
                ASSET, collectionId, "scene", "data"));
        assertPreconditionFailed(putIf(writerKey, "If-None-Match", "*", asset("image/tiff", "Renamed"),
                ASSET, collectionId, "scene", "data"));
        assertPreconditionFailed(deleteIf(writerKey, "If-Match", read, ASSET, collectionId, "scene", "data"));

        as(readerKey).when().get(ASSET, collectionId, "scene", "data").then()
                .statusCode(200).header("ETag", current).body("title", equalTo("Scene"));
        String next = putIf(writerKey, "If-Match", current, asset("image/tiff", "Renamed"), ASSET, collectionId, "scene", "data")
                .statusCode(200).body("title", equalTo("Renamed")).extract().header("ETag");
        deleteIf(writerKey, "If-Match", next, ASSET, collectionId, "scene", "data").statusCode(204);
        as(readerKey).when().get(ASSET, collectionId, "scene", "data").then().statusCode(404);
    }

    @Test
    void ifMatchOnAnAssetThatDoesNotExistIsRefusedAndIfNoneMatchAnyCreatesIt() {
        assertPreconditionFailed(putIf(writerKey, "If-Match", "*", asset("image/tiff", "Scene"),
                ASSET, collectionId, "scene", "data"));
        as(readerKey).when().get(ASSET, collectionId, "scene", "data").then().statusCode(404);

        putIf(writerKey, "If-None-Match", "*", asset("image/tiff", "Scene"), ASSET, collectionId, "scene", "data")
                .statusCode(201);
    }

    /** A number beyond the range of a double would be stored as the text "Infinity": refused, not changed. */
    @Test
    void anAssetThatCannotBeStoredAsSentIsRefused() {
        as(writerKey).contentType(ContentType.JSON).body("{\"type\": \"image/tiff\", \"gsd\": 1e400}")
                .when().put(ASSET, collectionId, "scene", "data").then()
                .statusCode(400)
                .body("description", containsString("cannot be stored as sent"));
        as(readerKey).when().get(ASSET, collectionId, "scene", "data").then().statusCode(404);
    }
}
