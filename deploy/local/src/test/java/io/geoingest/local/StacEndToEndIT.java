package io.geoingest.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.geoingest.testing.suite.RunningSuite;
import io.geoingest.testing.suite.SharedRunningSuite;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The STAC asset upload of ../shared/spec/stac-asset-upload.txt through the gateway, as its Python
 * example does it (HTTP Basic with an API key, the part PUT straight to storage with Content-MD5),
 * including the recurring-upload recovery, and one catalog shared with the gIQ file API.
 */
@Tag("slow")
@ExtendWith(SharedRunningSuite.class)
class StacEndToEndIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningSuite suite;
    private static String url;
    private static String key;
    private static final Map<String, Object> ITEM = Map.of("type", "Feature", "id", "item-1",
            "geometry", Map.of("type", "Point", "coordinates", List.of(7.44, 46.95)),
            "properties", Map.of("datetime", "2024-05-01T10:30:00Z"));
    private static final Map<String, Object> ASSET = Map.of("type", "application/octet-stream", "roles", List.of("data"));

    @BeforeAll
    static void shareSuite(RunningSuite shared) throws Exception {
        suite = shared;
        url = suite.localEnv().getProperty("GEOINGEST_URL");
        key = suite.localEnv().getProperty("GEOINGEST_UPLOAD_KEY");
    }

    private static RequestSpecification stac() {
        return given().baseUri(url).basePath("/api/stac/v1").auth().preemptive().basic("stac-user", key)
                .contentType("application/json");
    }

    @Test
    void pythonExampleFlowThenRecurringUploadRecoveryThenSearch() throws Exception {
        String collection = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String assetPath = createAsset(collection);
        OnePart part = OnePart.random(300_000, 7);
        Map<String, Object> create = part.uploadRequest();

        JsonPath abandoned = stac().body(create).post(assetPath + "/uploads").then().statusCode(201).extract().jsonPath();
        String abandonedId = abandoned.getString("upload_id");
        stac().body(create).post(assetPath + "/uploads").then().statusCode(400)
                .body("description", equalTo("Upload already in progress")).body("upload_id", equalTo(abandonedId));
        stac().get(assetPath + "/uploads?status=in-progress").then().statusCode(200)
                .body("uploads.upload_id", hasItem(abandonedId));
        stac().post(assetPath + "/uploads/" + abandonedId + "/abort").then().statusCode(200).body("status", equalTo("aborted"));

        JsonPath upload = stac().body(create).post(assetPath + "/uploads").then().statusCode(201).extract().jsonPath();
        HttpResponse<String> put = putPart(URI.create(upload.getString("urls[0].url")), part);
        assertEquals(200, put.statusCode(), put.body());
        String etag = put.headers().firstValue("ETag").orElseThrow();
        stac().body(Map.of("parts", List.of(Map.of("etag", etag, "part_number", 1))))
                .post(assetPath + "/uploads/" + upload.getString("upload_id") + "/complete")
                .then().statusCode(200).body("status", equalTo("completed"));

        assertEquals("COMPLETED", awaitAssetStatus(assetPath));
        stac().get(assetPath).then().statusCode(200).body("'file:checksum'", equalTo(part.checksum()));
        stac().get("/search?collections=" + collection + "&bbox=7,46,8,47").then().statusCode(200)
                .body("features.id", hasItem("item-1"));
    }

    @Test
    void deletingAnAssetEndsItsUploadSoTheAssetCanBeUploadedAfresh() throws Exception {
        String assetPath = createAsset("e2e-" + UUID.randomUUID().toString().substring(0, 8));
        OnePart part = OnePart.random(1000, 3);
        JsonPath first = stac().body(part.uploadRequest()).post(assetPath + "/uploads").then().statusCode(201)
                .extract().jsonPath();
        assertEquals(200, putPart(URI.create(first.getString("urls[0].url")), part).statusCode());

        stac().delete(assetPath).then().statusCode(204);
        stac().body(ASSET).put(assetPath).then().statusCode(201);

        stac().get(assetPath + "/uploads/" + first.getString("upload_id")).then().statusCode(200)
                .body("status", equalTo("aborted"));
        stac().body(part.uploadRequest()).post(assetPath + "/uploads").then().statusCode(201)
                .body("status", equalTo("in-progress"));
    }

    /** Entity tags and the conditions on them pass the gateway both ways. */
    @Test
    void aWriteOnAStaleETagIsRefusedThroughTheGateway() {
        String collection = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
        String assetPath = createAsset(collection);
        String itemPath = "/collections/" + collection + "/items/item-1";
        String tag = stac().get(itemPath).then().statusCode(200).extract().header("ETag");
        stac().header("If-None-Match", tag).get(itemPath).then().statusCode(304);

        stac().body(Map.of("type", "application/octet-stream", "roles", List.of("data"), "title", "changed"))
                .put(assetPath).then().statusCode(200);
        stac().header("If-Match", tag).body(ITEM).put(itemPath).then().statusCode(412).body("code", equalTo(412));
        String current = stac().get(itemPath).then().statusCode(200).extract().header("ETag");
        stac().header("If-Match", current).body(ITEM).put(itemPath).then().statusCode(200);
    }

    /** A collection with one item and its asset {@code scene.bin}; returns the asset's path. */
    private static String createAsset(String collection) {
        stac().body(Map.of("id", collection, "description", "end to end", "license", "proprietary"))
                .put("/collections/" + collection).then().statusCode(201);
        stac().body(ITEM).put("/collections/" + collection + "/items/item-1").then().statusCode(201);
        String assetPath = "/collections/" + collection + "/items/item-1/assets/scene.bin";
        stac().body(ASSET).put(assetPath).then().statusCode(201);
        return assetPath;
    }

    /** A file sent as one part, with the digests the upload request names. */
    private record OnePart(byte[] data, String md5, String checksum) {
        static OnePart random(int size, long seed) throws Exception {
            byte[] data = new byte[size];
            new Random(seed).nextBytes(data);
            return new OnePart(data, Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data)),
                    "1220" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        }

        Map<String, Object> uploadRequest() {
            return Map.of("number_parts", 1, "md5_parts", List.of(Map.of("part_number", 1, "md5", md5)),
                    "file:checksum", checksum);
        }
    }

    /** The part sent straight to storage on its presigned URL, as the spec's client does. */
    private static HttpResponse<String> putPart(URI url, OnePart part) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).header("Content-MD5", part.md5())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(part.data())).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void filesFromTheFileApiAreFoundBySearch() throws Exception {
        byte[] bytes = new byte[2048];
        new Random(11).nextBytes(bytes);
        String fileId = given().baseUri(url).header("X-API-KEY", key)
                .multiPart("file", "layer.bin", bytes).post("/public/file/upload?sourceType=ANNOTATION")
                .then().statusCode(200).extract().path("fileId");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath found = stac().get("/search?collections=annotation&ids=" + fileId).then().statusCode(200)
                    .extract().jsonPath();
            if (found.getList("features").size() == 1) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("file " + fileId + " never appeared in /search");
    }

    private static String awaitAssetStatus(String assetPath) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String status = stac().get(assetPath).then().statusCode(200).extract().path("'geoingest:status'");
            if ("COMPLETED".equals(status) || "FAILED".equals(status)) {
                return status;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the asset's file never reached a terminal status");
    }
}
