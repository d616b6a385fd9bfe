package io.geoingest.upload.stac;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.geoingest.common.stac.CatalogOwnership;
import io.geoingest.common.stac.StacAsset;
import io.geoingest.common.stac.StacAssetId;
import io.geoingest.testing.OpenTransaction;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.upload.FileRows;
import io.geoingest.upload.FileUploadedEvents;
import io.geoingest.upload.StoredObjects;
import io.geoingest.upload.TestData;
import io.geoingest.upload.chunked.AbandonedUploads;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.Timestamp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class StacUploadTest {
    @Inject
    AbandonedUploads abandonedUploads;

    private final String owner = "stac-" + UUID.randomUUID();
    private final AssetRef asset = StacAssets.create();
    private final StacUploadClient client = new StacUploadClient(TestApiKeys.uploader(owner), asset);

    @Test
    void theSpecsExampleFlowStoresTheFileAndQueuesItWithTheChecksum() {
        byte[] bytes = TestData.bytes(200_000);
        String checksum = StacUploadClient.multihash(bytes);

        ExtractableResponse<Response> started = client.start(List.of(bytes), Optional.empty())
                .statusCode(201)
                .body("status", equalTo("in-progress"))
                .body("number_parts", equalTo(1))
                .body("md5_parts[0].part_number", equalTo(1))
                .body("md5_parts[0].md5", equalTo(StacUploadClient.md5(bytes)))
                .body("'file:checksum'", equalTo(checksum))
                .body("urls", hasSize(1))
                .body("urls[0].part", equalTo(1))
                .body("completed", nullValue())
                .body("upload_id", notNullValue())
                .extract();
        String uploadId = started.path("upload_id");
        assertTrue(!started.jsonPath().getMap("$").containsKey("content_encoding"), "a null content_encoding is left out");
        assertTrue(started.header("Location").endsWith(client.uploadsPath() + "/" + uploadId));
        assertTrue(Instant.parse(started.path("urls[0].expires")).isAfter(Instant.now().plus(Duration.ofMinutes(50))));

        Map<String, Object> part = StacUploadClient.putPart(started.path("urls[0].url"), 1, bytes);

        client.complete(uploadId, List.of(part))
                .statusCode(200)
                .body("upload_id", equalTo(uploadId))
                .body("status", equalTo("completed"))
                .body("completed", notNullValue())
                .body("urls", empty());
        assertEquals((String) started.path("created"),
                client.request().get(client.uploadsPath() + "/" + uploadId).then().statusCode(200).extract().path("created"),
                "the start's answer and a later read write the same time");

        Map<String, Object> upload = FileRows.upload(uploadId).orElseThrow();
        String key = (String) upload.get("object_key");
        assertArrayEquals(bytes, StoredObjects.read(key));
        UUID fileId = (UUID) upload.get("file_id");
        Map<String, Object> file = FileRows.file(fileId).orElseThrow();
        assertEquals("QUEUED", file.get("status"));
        assertEquals(checksum, file.get("expected_checksum"));
        assertEquals((long) bytes.length, file.get("size"));
        assertEquals(asset.collection(), file.get("stac_collection"));
        assertEquals(asset.item(), file.get("stac_item"));
        assertEquals(asset.asset(), file.get("stac_asset"));
        assertEquals(owner, file.get("owner"));

        StacAsset stored = StacAssets.read(asset);
        assertEquals(checksum, stored.checksum);
        assertEquals(fileId, stored.fileId);

        JsonNode event = FileUploadedEvents.await(fileId, Duration.ofSeconds(30)).value();
        assertEquals(checksum, event.path("expectedChecksum").asText());
        assertEquals(asset.collection(), event.path("stac").path("collection").asText());
        assertEquals(asset.item(), event.path("stac").path("item").asText());
        assertEquals(asset.asset(), event.path("stac").path("asset").asText());
        assertEquals(key, event.path("key").asText());
    }

    @Test
    void partsPutInParallelMakeTheWholeFile() throws Exception {
        List<byte[]> parts = List.of(TestData.bytes(5 * TestData.MIB), TestData.bytes(4321));
        ExtractableResponse<Response> started = client.start(parts, Optional.empty()).statusCode(201).extract();
        String uploadId = started.path("upload_id");
        List<String> urls = started.path("urls.url");

        ExecutorService senders = Executors.newFixedThreadPool(2);
        List<Map<String, Object>> completed = new ArrayList<>();
        try {
            List<Future<Map<String, Object>>> sent = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                int number = i + 1;
                sent.add(senders.submit(() -> StacUploadClient.putPart(urls.get(number - 1), number, parts.get(number - 1))));
            }
            for (Future<Map<String, Object>> part : sent) {
                completed.add(part.get());
            }
        } finally {
            senders.shutdownNow();
        }

        client.request().get(client.uploadsPath() + "/" + uploadId + "/parts").then()
                .statusCode(200)
                .body("parts", hasSize(2))
                .body("parts.part_number", equalTo(List.of(1, 2)))
                .body("parts[0].size", equalTo(5 * TestData.MIB))
                .body("parts[1].size", equalTo(4321))
                .body("parts[1].etag", equalTo(completed.get(1).get("etag")))
                .body("parts[0].modified", notNullValue());
        String next = client.request().queryParam("limit", 1).get(client.uploadsPath() + "/" + uploadId + "/parts").then()
                .statusCode(200)
                .body("parts.part_number", equalTo(List.of(1)))
                .body("links[0].rel", equalTo("next"))
                .extract().path("links[0].href");
        client.request().get(next).then()
                .statusCode(200)
                .body("parts.part_number", equalTo(List.of(2)))
                .body("links", empty());

        client.complete(uploadId, completed).statusCode(200).body("status", equalTo("completed"));

        String key = (String) FileRows.upload(uploadId).orElseThrow().get("object_key");
        assertArrayEquals(StacUploadClient.concat(parts), StoredObjects.read(key));
    }

    @Test
    void storageRejectsAPartWhoseBytesDoNotMatchItsMd5() {
        byte[] declared = TestData.bytes(1000);
        ExtractableResponse<Response> started = client.start(List.of(declared), Optional.empty()).statusCode(201).extract();

        byte[] other = TestData.bytes(1000);
        HttpResponse<String> put = StacUploadClient.putPart(started.path("urls[0].url"), other,
                StacUploadClient.md5(declared), Optional.empty());
        assertTrue(put.statusCode() >= 400 && put.statusCode() < 500, "storage answered " + put.statusCode());

        client.request().get(client.uploadsPath() + "/" + started.path("upload_id") + "/parts").then()
                .statusCode(200)
                .body("parts", empty());
    }

    @Test
    void aSecondUploadOfTheAssetIsRefusedUntilTheFirstIsAborted() {
        byte[] bytes = TestData.bytes(1000);
        String first = client.start(List.of(bytes), Optional.empty()).statusCode(201).extract().path("upload_id");

        client.start(List.of(bytes), Optional.empty())
                .statusCode(400)
                .body("code", equalTo(400))
                .body("description", equalTo("Upload already in progress"))
                .body("upload_id", equalTo(first));

        client.request().queryParam("status", "in-progress").get(client.uploadsPath()).then()
                .statusCode(200)
                .body("uploads.upload_id", equalTo(List.of(first)))
                .body("uploads[0].status", equalTo("in-progress"));

        client.abort(first)
                .statusCode(200)
                .body("status", equalTo("aborted"))
                .body("aborted", notNullValue())
                .body("urls", empty());

        ExtractableResponse<Response> restarted = client.start(List.of(bytes), Optional.of("gzip"))
                .statusCode(201)
                .body("content_encoding", equalTo("gzip"))
                .extract();
        String second = restarted.path("upload_id");
        HttpResponse<String> put = StacUploadClient.putPart(restarted.path("urls[0].url"), bytes,
                StacUploadClient.md5(bytes), Optional.empty());
        assertEquals(200, put.statusCode(), "the spec's client sends Content-MD5 alone: " + put.body());
        client.complete(second, List.of(Map.of("etag", put.headers().firstValue("ETag").orElseThrow(), "part_number", 1)))
                .statusCode(200);
        assertEquals(Optional.of("gzip"),
                StoredObjects.contentEncoding((String) FileRows.upload(second).orElseThrow().get("object_key")),
                "the encoding given at the start is the object's");

        client.request().get(client.uploadsPath()).then()
                .statusCode(200)
                .body("uploads.upload_id", equalTo(List.of(second, first)));
        client.request().queryParam("limit", 1).get(client.uploadsPath()).then()
                .statusCode(200)
                .body("uploads.upload_id", equalTo(List.of(second)))
                .body("links.rel", hasItem("next"));
        String next = client.request().queryParam("limit", 1).get(client.uploadsPath()).then().extract().path("links[0].href");
        client.request().get(next).then()
                .statusCode(200)
                .body("uploads.upload_id", equalTo(List.of(first)))
                .body("links", empty());
        client.request().queryParam("cursor", "bogus").get(client.uploadsPath()).then()
                .statusCode(400)
                .body("description", equalTo("cursor is not valid: use the next link of a previous page"));
        client.request().queryParam("status", "aborted").get(client.uploadsPath()).then()
                .statusCode(200)
                .body("uploads.upload_id", equalTo(List.of(first)));
    }

    /**
     * The asset is being removed: the removal, still open, has deleted its row. The start waits for
     * it and is refused as for an asset that is not there; nothing of it stays in progress, in the
     * catalog or in storage, and the asset made again takes an upload. An uploader's start waits
     * in the ownership check, which locks the asset; an admin's (as the creator's of the item) is
     * not checked, and waits on the lock the start takes itself.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aStartWhileItsAssetIsRemovedIsRefusedAndLeavesNoUploadInProgress(boolean byAdmin) throws Exception {
        byte[] bytes = TestData.bytes(100);
        StacUploadClient starter = byAdmin ? new StacUploadClient(TestApiKeys.admin(), asset) : client;

        AtomicReference<ExtractableResponse<Response>> answer = new AtomicReference<>();
        int status = OpenTransaction.whileOpen(
                () -> StacAsset.deleteById(new StacAssetId(asset.collection(), asset.item(), asset.asset())),
                () -> answer.updateAndGet(none -> starter.start(List.of(bytes), Optional.empty()).extract()).statusCode());

        assertEquals(404, status, answer.get().asString());
        assertEquals(404, answer.get().<Integer>path("code"));
        assertEquals("Asset " + asset.asset() + " not found in item " + asset.item(), answer.get().path("description"));
        assertEquals(List.of(), StoredObjects.multipartUploadsUnder("uploads/").stream()
                .filter(key -> key.endsWith("/" + asset.asset()))
                .toList());
        StacAssets.createAgain(asset);
        starter.request().queryParam("status", "in-progress").get(starter.uploadsPath()).then()
                .statusCode(200)
                .body("uploads", empty());
        starter.start(List.of(bytes), Optional.empty()).statusCode(201);
    }

    /**
     * What processing found of the asset's previous file (its size, why it failed) is not the new
     * file's: a completed upload clears it, so that the asset shows no size while the new file is
     * processed, nor the old one for good if it fails. The client's own fields stay.
     */
    @Test
    void aCompletedUploadClearsWhatProcessingFoundOfThePreviousFile() {
        QuarkusTransaction.requiringNew().run(() -> {
            StacAsset stored = StacAsset.findById(new StacAssetId(asset.collection(), asset.item(), asset.asset()));
            stored.properties = JsonNodeFactory.instance.objectNode().put("proj:epsg", 2056).put("file:size", 999)
                    .put("geoingest:status", "FAILED").put("geoingest:reason", "Checksum mismatch");
        });
        StacUploadClient.SentUpload sent = client.onePartSent(TestData.bytes(1000));

        client.complete(sent.uploadId(), List.of(sent.part())).statusCode(200);

        StacAsset stored = StacAssets.read(asset);
        assertEquals(FileRows.upload(sent.uploadId()).orElseThrow().get("file_id"), stored.fileId);
        assertEquals(JsonNodeFactory.instance.objectNode().put("proj:epsg", 2056), stored.properties);
    }

    /**
     * A PUT of the asset's metadata is under way (it holds the asset's row) when the upload
     * completes: the completion waits for it and keeps the new metadata, rather than writing back
     * the asset as it read it before. An uploader's completion waits in the ownership check, which
     * locks the asset; an admin's is not checked, and waits on the lock the completion takes itself.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anUploadCompletedWhileTheAssetsMetadataIsWrittenKeepsTheNewMetadata(boolean byAdmin) throws Exception {
        StacUploadClient.SentUpload sent = client.onePartSent(TestData.bytes(1000));
        StacUploadClient completer = byAdmin ? new StacUploadClient(TestApiKeys.admin(), asset) : client;

        int status = OpenTransaction.whileOpen(() -> {
            StacAsset stored = StacAsset.findById(new StacAssetId(asset.collection(), asset.item(), asset.asset()),
                    LockModeType.PESSIMISTIC_WRITE);
            stored.title = "Renamed";
            stored.properties = JsonNodeFactory.instance.objectNode().put("proj:epsg", 2056);
        }, () -> completer.complete(sent.uploadId(), List.of(sent.part())).extract().statusCode());

        assertEquals(200, status);
        StacAsset stored = StacAssets.read(asset);
        assertEquals("Renamed", stored.title);
        assertEquals(JsonNodeFactory.instance.objectNode().put("proj:epsg", 2056), stored.properties);
        assertEquals(FileRows.upload(sent.uploadId()).orElseThrow().get("file_id"), stored.fileId);
    }

    @Test
    void anotherUploaderCannotReplaceTheFileOfAnAssetButItsOwnerCan() {
        byte[] bytes = TestData.bytes(1000);
        StacUploadClient.SentUpload sent = client.onePartSent(bytes);
        client.complete(sent.uploadId(), List.of(sent.part())).statusCode(200);

        new StacUploadClient(TestApiKeys.uploader("other-" + UUID.randomUUID()), asset)
                .start(List.of(bytes), Optional.empty())
                .statusCode(403)
                .body("code", equalTo(403))
                .body("description", equalTo("Asset " + asset.asset() + " " + CatalogOwnership.HOLDS_OTHER_OWNERS_FILE));

        client.start(List.of(bytes), Optional.empty()).statusCode(201);
    }

    @Test
    void onlyTheOwnerOfAnUploadOrAnAdminMayCompleteOrAbortIt() {
        StacUploadClient.SentUpload sent = client.onePartSent(TestData.bytes(1000));
        String uploadId = sent.uploadId();
        Map<String, Object> part = sent.part();
        StacUploadClient other = new StacUploadClient(TestApiKeys.uploader("other-" + UUID.randomUUID()), asset);

        for (ValidatableResponse refused : List.of(other.complete(uploadId, List.of(part)), other.abort(uploadId))) {
            refused.statusCode(403)
                    .body("code", equalTo(403))
                    .body("description", equalTo("Upload " + uploadId + " " + StacUploads.STARTED_BY_ANOTHER_OWNER));
        }

        client.complete(uploadId, List.of(part)).statusCode(200).body("status", equalTo("completed"));
    }

    /**
     * An upload that ended answers 304 while unchanged. One in progress did too, so a client that
     * kept its copy (a browser's cache) kept part URLs that expire, and was told so again each
     * time it asked: it is read whole, its URLs signed anew.
     */
    @Test
    void anUploadThatEndedAnswers304ToIfNoneMatchAndOneInProgressItsFreshUrls() {
        String uploadId = client.start(List.of(TestData.bytes(100)), Optional.empty()).statusCode(201)
                .extract().path("upload_id");
        String path = client.uploadsPath() + "/" + uploadId;

        String etag = client.request().get(path).then()
                .statusCode(200)
                .body("upload_id", equalTo(uploadId))
                .body("urls", hasSize(1))
                .extract().header("ETag");
        client.request().header("If-None-Match", etag).get(path).then()
                .statusCode(200)
                .header("ETag", etag)
                .body("urls", hasSize(1));

        client.abort(uploadId).statusCode(200);
        String ended = client.request().header("If-None-Match", etag).get(path).then()
                .statusCode(200)
                .body("status", equalTo("aborted"))
                .extract().header("ETag");
        client.request().header("If-None-Match", ended).get(path).then().statusCode(304);
    }

    /** A client that copies the body of a start from the API's documentation gets an upload, not a 400. */
    @Test
    void theDocumentedExampleOfAStartStartsAnUpload() {
        // the document holds the example as JSON, or as the text of it: either is a body
        Object example = client.request().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().get("paths.'/api/stac/v1/collections/{collection}/items/{item}/assets/{asset}/uploads'"
                        + ".post.requestBody.content.'application/json'.example");

        client.request().contentType(ContentType.JSON).body(example).post(client.uploadsPath()).then()
                .statusCode(201)
                .body("number_parts", equalTo(2))
                .body("urls", hasSize(2));
    }

    /** A client whose If-Match no longer holds learns why in the API's error format, not from an empty 412. */
    @Test
    void aChangedUploadAnswers412ToIfMatchInTheStacErrorFormat() {
        String uploadId = client.start(List.of(TestData.bytes(100)), Optional.empty()).statusCode(201)
                .extract().path("upload_id");
        String path = client.uploadsPath() + "/" + uploadId;
        String etag = client.request().get(path).then().statusCode(200).extract().header("ETag");
        client.request().header("If-Match", etag).get(path).then().statusCode(200);

        client.abort(uploadId).statusCode(200);
        client.request().header("If-Match", etag).get(path).then()
                .statusCode(412)
                .contentType(containsString("json"))
                .body("code", equalTo(412))
                .body("description", containsString("If-Match"));
    }

    @Test
    void anAbandonedUploadIsAbortedWithItsPartsAndTheAssetCanBeUploadedAgain() {
        byte[] bytes = TestData.bytes(100);
        String uploadId = client.onePartSent(bytes).uploadId();
        lastSeenTwoDaysAgo(uploadId);

        abandonedUploads.abortInactiveFor(Duration.ofHours(24));

        client.request().get(client.uploadsPath() + "/" + uploadId).then()
                .statusCode(200)
                .body("status", equalTo("aborted"));
        assertEquals(List.of(), StoredObjects.multipartUploadsUnder("uploads/" + uploadId + "/"));
        client.start(List.of(bytes), Optional.empty()).statusCode(201);
    }

    @Test
    void anUploadWhosePartUrlsWereSignedAgainIsNotAbandoned() {
        byte[] bytes = TestData.bytes(100);
        ExtractableResponse<Response> started = client.start(List.of(bytes), Optional.empty()).statusCode(201).extract();
        String uploadId = started.path("upload_id");
        lastSeenTwoDaysAgo(uploadId);
        String renewed = client.request().get(client.uploadsPath() + "/" + uploadId).then()
                .statusCode(200)
                .extract().path("urls[0].url");

        abandonedUploads.abortInactiveFor(Duration.ofHours(24));

        StacUploadClient.putPart(renewed, 1, bytes);
        client.request().get(client.uploadsPath() + "/" + uploadId).then()
                .statusCode(200)
                .body("status", equalTo("in-progress"));
    }

    /** Makes the upload look untouched for two days: no change, no part URLs signed. */
    private static void lastSeenTwoDaysAgo(String uploadId) {
        FileRows.execute("update upload set updated_at = ?, urls_signed_at = ? where id = ?",
                Timestamp.from(Instant.now().minus(Duration.ofDays(2))),
                Timestamp.from(Instant.now().minus(Duration.ofDays(2))), uploadId);
    }
}
