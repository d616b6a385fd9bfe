package io.geoingest.upload.stac;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.geoingest.common.auth.Permission;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.testing.TestInfrastructure;
import io.geoingest.upload.FileRows;
import io.geoingest.upload.ServiceStorage;
import io.geoingest.upload.StoredObjects;
import io.geoingest.upload.TestData;
import io.geoingest.upload.chunked.AbandonedUploads;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

@QuarkusTest
class StacUploadErrorsTest {
    private static final String CHECKSUM = "1220" + "ab".repeat(32);
    private static final String MD5 = StacUploadClient.md5(new byte[] {1});
    private static final NamedLiteral PUBLIC = NamedLiteral.of("public");

    @Inject
    AbandonedUploads abandonedUploads;

    private final AssetRef asset = StacAssets.create();
    private final StacUploadClient client = new StacUploadClient(TestApiKeys.uploader("stac-" + UUID.randomUUID()), asset);

    @Test
    void eachInvalidFieldIsNamedIn400() {
        assertRejected(body(0, List.of(), CHECKSUM, null), "number_parts must be between 1 and 10000");
        assertRejected(body(10001, List.of(), CHECKSUM, null), "number_parts must be between 1 and 10000");
        assertRejected(body(2, List.of(part(1, MD5)), CHECKSUM, null), "md5_parts has 1 parts but number_parts is 2");
        assertRejected(body(2, List.of(part(1, MD5), part(1, MD5)), CHECKSUM, null), "part_number 1 is given more than once");
        assertRejected(body(1, List.of(part(2, MD5)), CHECKSUM, null), "part_number 2 is out of range 1..1");
        assertRejected(body(1, List.of(part(1, "not base64!")), CHECKSUM, null), "md5 of part 1 is not the base64");
        assertRejected(body(1, List.of(part(1, "AAAA")), CHECKSUM, null), "md5 of part 1 is not the base64");
        assertRejected(body(1, List.of(part(1, MD5.replace("=", ""))), CHECKSUM, null),
                "md5 of part 1 is not the base64");
        assertRejected(body(1, List.of(part(1, MD5)), "ab".repeat(32), null), "file:checksum must be a sha2-256 multihash");
        assertRejected(body(1, List.of(part(1, MD5)), null, null), "file:checksum is required");
        assertRejected(body(1, List.of(part(1, MD5)), CHECKSUM, "deflate"), "content_encoding must be gzip or br");
        assertRejected(body(null, null, CHECKSUM, null), "number_parts is required");
        String fractions = "{\"number_parts\": 1.5, \"md5_parts\": [{\"part_number\": 1, \"md5\": \"" + MD5 + "\"}],"
                + " \"file:checksum\": \"" + CHECKSUM + "\"}";
        for (String notTheExpectedShape : List.of("{not json", "[]", "\"text\"", fractions)) {
            client.request().contentType(ContentType.JSON).body(notTheExpectedShape).post(client.uploadsPath()).then()
                    .statusCode(400)
                    .body("code", equalTo(400))
                    .body("description", containsString("not valid JSON"));
        }
        String fractionalPart = "{\"number_parts\": 1, \"md5_parts\": [{\"part_number\": 1.5, \"md5\": \"" + MD5 + "\"}],"
                + " \"file:checksum\": \"" + CHECKSUM + "\"}";
        client.request().contentType(ContentType.JSON).body(fractionalPart).post(client.uploadsPath()).then()
                .statusCode(400)
                .body("description", endsWith(": md5_parts[0].part_number must be a whole number"));
        assertEquals(0, FileRows.count("select count(*) from upload where stac_asset = ?", asset.asset()));
    }

    /** Quarkus reads the first of a repeated parameter: ?status=completed&status=aborted listed the completed. */
    @Test
    void aListParameterGivenTwiceIsRefused() {
        String uploadId = client.start(List.of(TestData.bytes(10)), Optional.empty()).statusCode(201).extract().path("upload_id");
        client.request().get(client.uploadsPath() + "?status=completed&status=aborted").then()
                .statusCode(400).body("code", equalTo(400))
                .body("description", equalTo("the query parameter status is given more than once"));
        client.request().get(client.uploadsPath() + "/" + uploadId + "/parts?limit=1&limit=1000").then()
                .statusCode(400).body("description", equalTo("the query parameter limit is given more than once"));
        client.request().get(client.uploadsPath() + "?status=in-progress&_=1&_=2").then().statusCode(200);
    }

    /** Integer.parseInt takes a sign and the digits of every script: limit=+1 and limit=１ were pages of 1. */
    @Test
    void pageParametersAreAsciiDigitsAlone() {
        String uploadId = client.start(List.of(TestData.bytes(10)), Optional.empty()).statusCode(201).extract().path("upload_id");
        for (String encoded : List.of("%2B1", "%EF%BC%91")) {
            client.request().urlEncodingEnabled(false).get(client.uploadsPath() + "?limit=" + encoded).then()
                    .statusCode(400).body("description", startsWith("limit must be a whole number between 1 and 1000"));
            client.request().urlEncodingEnabled(false).get(client.uploadsPath() + "/" + uploadId + "/parts?limit=" + encoded)
                    .then().statusCode(400).body("description", startsWith("limit must be a whole number between 1 and 1000"));
            client.request().urlEncodingEnabled(false).get(client.uploadsPath() + "/" + uploadId + "/parts?cursor=" + encoded)
                    .then().statusCode(400).body("description", startsWith("cursor must be the cursor of a next link"));
        }
    }

    @Test
    void missingCollectionItemOrAssetIs404() {
        Map<String, Object> body = body(1, List.of(part(1, MD5)), CHECKSUM, null);
        String key = TestApiKeys.uploader("stac-404");
        new StacUploadClient(key, new AssetRef("no-such-collection", asset.item(), asset.asset())).start(body)
                .statusCode(404)
                .body("code", equalTo(404))
                .body("description", containsString("Collection no-such-collection"));
        new StacUploadClient(key, new AssetRef(asset.collection(), "no-such-item", asset.asset())).start(body)
                .statusCode(404)
                .body("description", containsString("Item no-such-item"));
        new StacUploadClient(key, new AssetRef(asset.collection(), asset.item(), "no-such-asset")).start(body)
                .statusCode(404)
                .body("description", containsString("Asset no-such-asset"));
    }

    /**
     * The worker's item of a file uploaded through the file API is its owner's and files_admin's:
     * to anyone else its uploads answer as those of an item that is not there, its id (the file's)
     * and the uploads' presigned part URLs included.
     */
    @Test
    void theUploadsOfAnItemPrivateToAnotherOwnerAreThoseOfAMissingItem() {
        String owner = "stac-owner-" + UUID.randomUUID();
        StacAssets.makePrivate(asset, owner);
        StacUploadClient ownClient = new StacUploadClient(TestApiKeys.uploader(owner), asset);
        String uploadId = ownClient.start(List.of(TestData.bytes(10)), Optional.empty()).statusCode(201)
                .extract().path("upload_id");
        ownClient.request().get(ownClient.uploadsPath() + "/" + uploadId).then().statusCode(200);
        new StacUploadClient(TestApiKeys.admin(), asset).request().get(ownClient.uploadsPath()).then().statusCode(200);

        Map<String, Object> body = body(1, List.of(part(1, MD5)), CHECKSUM, null);
        String strangerKey = TestApiKeys.uploader("stac-stranger-" + UUID.randomUUID());
        AssetRef missing = new AssetRef(asset.collection(), "no-such-item", asset.asset());
        for (AssetRef ref : List.of(missing, asset)) {
            StacUploadClient stranger = new StacUploadClient(strangerKey, ref);
            String notFound = "Item " + ref.item() + " not found in collection " + ref.collection();
            String upload = stranger.uploadsPath() + "/" + uploadId;
            List<ValidatableResponse> answers = List.of(
                    stranger.start(body),
                    stranger.request().get(stranger.uploadsPath()).then(),
                    stranger.request().get(upload).then(),
                    stranger.request().get(upload + "/parts").then(),
                    stranger.complete(uploadId, List.of(Map.of("etag", "x", "part_number", 1))),
                    stranger.abort(uploadId));
            for (ValidatableResponse answer : answers) {
                answer.statusCode(404).body("code", equalTo(404)).body("description", equalTo(notFound));
            }
        }
        assertEquals(1, FileRows.count("select count(*) from upload where stac_asset = ?", asset.asset()),
                "the stranger started no upload");
        ownClient.request().get(ownClient.uploadsPath() + "/" + uploadId).then().statusCode(200)
                .body("status", equalTo("in-progress"));
    }

    @Test
    void anUnknownUploadOrOneOfAnotherAssetIs404() {
        client.request().get(client.uploadsPath() + "/" + UUID.randomUUID()).then()
                .statusCode(404)
                .body("code", equalTo(404));
        client.abort(UUID.randomUUID().toString()).statusCode(404);
        client.complete(UUID.randomUUID().toString(), List.of(Map.of("etag", "x", "part_number", 1))).statusCode(404);

        String uploadId = client.start(List.of(TestData.bytes(10)), Optional.empty()).statusCode(201).extract().path("upload_id");
        StacUploadClient otherAsset = new StacUploadClient(TestApiKeys.uploader("stac-other"), StacAssets.create());
        otherAsset.abort(uploadId).statusCode(404);
        client.request().get(client.uploadsPath() + "/" + uploadId).then().statusCode(200);
    }

    /**
     * A completion sent again, as the spec says to after a 502-504 whose first attempt may have
     * succeeded, answers as the first did: it was a 409, which the spec's client does not expect,
     * and it gave up on a file that was stored. An abort of an ended upload is a 409.
     */
    @Test
    void aCompletionSentAgainAnswersAsTheFirstAndAnAbortOfAnEndedUploadIs409() {
        byte[] bytes = TestData.bytes(100);
        StacUploadClient.SentUpload sent = client.onePartSent(bytes);
        String completed = client.complete(sent.uploadId(), List.of(sent.part())).statusCode(200)
                .extract().path("completed");

        client.complete(sent.uploadId(), List.of(sent.part())).statusCode(200)
                .body("status", equalTo("completed"))
                .body("completed", equalTo(completed));
        assertEquals(1, FileRows.count("select count(*) from file where object_key = ?",
                FileRows.upload(sent.uploadId()).orElseThrow().get("object_key")), "recorded once");
        client.complete(sent.uploadId(), List.of()).statusCode(400);
        client.abort(sent.uploadId()).statusCode(409).body("description", equalTo("No upload in progress"));

        String abortedId = client.start(List.of(bytes), Optional.empty()).statusCode(201).extract().path("upload_id");
        client.abort(abortedId).statusCode(200);
        client.abort(abortedId).statusCode(409).body("description", equalTo("No upload in progress"));
        client.complete(abortedId, List.of(sent.part())).statusCode(409).body("description", equalTo("No upload in progress"));
    }

    @Test
    void aCompletionSentAgainAfterStorageFinishedTheFirstRecordsTheFile() {
        byte[] bytes = TestData.bytes(100);
        StacUploadClient.SentUpload sent = client.onePartSent(bytes);
        String key = completedInStorageOnly(sent.uploadId(), sent.part());

        client.complete(sent.uploadId(), List.of(sent.part())).statusCode(200).body("status", equalTo("completed"));
        assertArrayEquals(bytes, StoredObjects.read(key));
        client.complete(sent.uploadId(), List.of(sent.part())).statusCode(200).body("status", equalTo("completed"));
        assertEquals(1, FileRows.count("select count(*) from file where object_key = ?", key), "recorded once");
        assertArrayEquals(bytes, StoredObjects.read(key), "the file stays stored");
    }

    @Test
    void abortAfterStorageFinishedACompletionRemovesItsObject() {
        byte[] bytes = TestData.bytes(100);
        StacUploadClient.SentUpload sent = client.onePartSent(bytes);
        String key = completedInStorageOnly(sent.uploadId(), sent.part());

        client.abort(sent.uploadId()).statusCode(200).body("status", equalTo("aborted"));
        assertFalse(StoredObjects.exists(key), "no file refers to it");
        client.start(List.of(bytes), Optional.empty()).statusCode(201);
    }

    /**
     * Storage completed the upload and the database recorded it, then lost that (a failover to a
     * replica behind, a restore): the upload is in progress again. The sweep deleted the object,
     * the only copy of a file the client was told is stored; it keeps it.
     */
    @Test
    void theSweepKeepsAFileStorageCompletedForAnUploadTheDatabaseHasInProgress() {
        byte[] bytes = TestData.bytes(100);
        StacUploadClient.SentUpload sent = client.onePartSent(bytes);
        String key = completedInStorageOnly(sent.uploadId(), sent.part());
        FileRows.execute("update upload set updated_at = ?, urls_signed_at = ? where id = ?",
                Timestamp.from(Instant.now().minus(Duration.ofDays(2))),
                Timestamp.from(Instant.now().minus(Duration.ofDays(2))), sent.uploadId());
        ServiceStorage.knowsNoMultipartUploads();

        abandonedUploads.abortInactiveFor(Duration.ofHours(24));
        ServiceStorage.restore();

        assertEquals("aborted", FileRows.upload(sent.uploadId()).orElseThrow().get("status"));
        assertArrayEquals(bytes, StoredObjects.read(key));
    }

    /**
     * An abort whose removal from storage failed was a 500 after the upload had been recorded
     * aborted: a retry got a 409, no sweep looked at it again, and storage kept the parts for good.
     */
    @Test
    void anAbortThatStorageFailsToCarryOutStandsAndALaterSweepRemovesTheParts() {
        StacUploadClient.SentUpload sent = client.onePartSent(TestData.bytes(100));
        String prefix = "uploads/" + sent.uploadId() + "/";
        ServiceStorage.failing("abortMultipartUpload");

        client.abort(sent.uploadId()).statusCode(200).body("status", equalTo("aborted"));
        client.abort(sent.uploadId()).statusCode(409).body("description", equalTo("No upload in progress"));
        abandonedUploads.abortInactiveFor(Duration.ofHours(24));
        assertEquals(1, StoredObjects.multipartUploadsUnder(prefix).size(), "storage is still failing");

        ServiceStorage.restore();
        abandonedUploads.abortInactiveFor(Duration.ofHours(24));
        assertEquals(List.of(), StoredObjects.multipartUploadsUnder(prefix));
        assertEquals(List.of(), StoredObjects.keysUnder(prefix));
    }

    /**
     * An abort that removes the object storage has just assembled, before the completion reads its
     * size: the completion answered 500, where an abort a moment later makes it a 409.
     */
    @Test
    void anAbortLandingWhileStorageAssemblesTheFileMakesTheCompletionA409() {
        StacUploadClient.SentUpload sent = client.onePartSent(TestData.bytes(100));
        String key = (String) FileRows.upload(sent.uploadId()).orElseThrow().get("object_key");
        ServiceStorage.onceBefore("headObject", () -> client.abort(sent.uploadId()).statusCode(200));

        client.complete(sent.uploadId(), List.of(sent.part())).statusCode(409)
                .body("code", equalTo(409))
                .body("description", equalTo("No upload in progress"));
        assertEquals("aborted", FileRows.upload(sent.uploadId()).orElseThrow().get("status"));
        assertFalse(StoredObjects.exists(key));
        assertEquals(0, FileRows.count("select count(*) from file where object_key = ?", key));
    }

    @Test
    void aWrongCompletionIs400AndTheUploadCanStillBeCompleted() {
        byte[] bytes = TestData.bytes(100);
        StacUploadClient.SentUpload sent = client.onePartSent(bytes);

        client.complete(sent.uploadId(), List.of(sent.part(), Map.of("etag", "x", "part_number", 2))).statusCode(400)
                .body("description", containsString("number_parts"));
        client.complete(sent.uploadId(), List.of(Map.of("etag", "\"00000000000000000000000000000000\"", "part_number", 1)))
                .statusCode(400)
                .body("code", equalTo(400))
                .body("description", containsString("Storage refused to complete the upload"));
        client.request().get(client.uploadsPath() + "/" + sent.uploadId()).then().body("status", equalTo("in-progress"));

        client.complete(sent.uploadId(), List.of(sent.part())).statusCode(200).body("status", equalTo("completed"));
        String key = (String) FileRows.upload(sent.uploadId()).orElseThrow().get("object_key");
        assertArrayEquals(bytes, StoredObjects.read(key));
    }

    @Test
    void completingBeforeAnyPartIsSentIs400AndTheUploadStaysOpen() {
        byte[] bytes = TestData.bytes(100);
        ExtractableResponse<Response> started = client.start(List.of(bytes), Optional.empty()).statusCode(201).extract();
        String uploadId = started.path("upload_id");

        client.complete(uploadId, List.of(Map.of("etag", "\"00000000000000000000000000000000\"", "part_number", 1)))
                .statusCode(400)
                .body("code", equalTo(400))
                .body("description", containsString("holds none of its parts"));
        client.request().get(client.uploadsPath() + "/" + uploadId).then().body("status", equalTo("in-progress"));

        Map<String, Object> part = StacUploadClient.putPart(started.path("urls[0].url"), 1, bytes);
        client.complete(uploadId, List.of(part)).statusCode(200).body("status", equalTo("completed"));
    }

    @Test
    void aNonLastPartUnder5MibIsRefusedAtCompletion() {
        List<byte[]> parts = List.of(TestData.bytes(1000), TestData.bytes(1000));
        ExtractableResponse<Response> started = client.start(parts, Optional.empty()).statusCode(201).extract();
        String uploadId = started.path("upload_id");
        List<String> urls = started.path("urls.url");
        List<Map<String, Object>> stored = List.of(
                StacUploadClient.putPart(urls.get(0), 1, parts.get(0)),
                StacUploadClient.putPart(urls.get(1), 2, parts.get(1)));

        client.complete(uploadId, stored).statusCode(400)
                .body("description", containsString("EntityTooSmall"));
        client.request().get(client.uploadsPath() + "/" + uploadId).then().body("status", equalTo("in-progress"));
        client.abort(uploadId).statusCode(200);
    }

    /**
     * Signing the part URLs can fail (storage credentials that could not be had, for one): the
     * upload was recorded first, and was left in progress without a client that had its URLs,
     * every start of the asset after it a 409 until somebody aborted it.
     */
    @Test
    void aStartWhosePartUrlsCannotBeSignedLeavesNothingBehind() {
        Map<String, Object> body = body(1, List.of(part(1, MD5)), CHECKSUM, null);
        S3Presigner presigner = ClientProxy.unwrap(Arc.container().instance(S3Presigner.class, PUBLIC).get());
        QuarkusMock.installMockForType(failingToSignParts(presigner), S3Presigner.class, PUBLIC);

        client.start(body).statusCode(500).body("code", equalTo(500));

        assertEquals(0, FileRows.count("select count(*) from upload where stac_asset = ?", asset.asset()));
        assertEquals(List.of(), StoredObjects.multipartUploadsUnder("uploads/").stream()
                .filter(key -> key.endsWith("/" + asset.asset()))
                .toList());
        QuarkusMock.installMockForType(presigner, S3Presigner.class, PUBLIC);
        client.start(body).statusCode(201);
    }

    /** {@code presigner}, but signing no part URL, as when its credentials cannot be had. */
    private static S3Presigner failingToSignParts(S3Presigner presigner) {
        return (S3Presigner) Proxy.newProxyInstance(S3Presigner.class.getClassLoader(), new Class<?>[] {S3Presigner.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("presignUploadPart")) {
                        throw SdkClientException.create("Unable to load credentials");
                    }
                    try {
                        return method.invoke(presigner, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * The contract asks credentials of its POSTs only: its recovery lists the uploads in progress
     * to abort the one in the way. Part URLs go only to whoever may complete the upload, and a read
     * by anyone else does not count as the upload being used.
     */
    @Test
    void anyoneMayReadAnAssetsUploadsButOnlyWhoMayCompleteOneGetsItsPartUrls() {
        String uploadId = client.start(StacUploadClient.body(List.of(new byte[] {1}), Optional.empty()))
                .statusCode(201).extract().path("upload_id");
        Object signed = FileRows.upload(uploadId).orElseThrow().get("urls_signed_at");

        given().queryParam("status", "in-progress").get(client.uploadsPath()).then().statusCode(200)
                .body("uploads.upload_id", equalTo(List.of(uploadId)))
                .body("uploads[0].urls", empty());
        given().get(client.uploadsPath() + "/" + uploadId).then().statusCode(200)
                .body("status", equalTo("in-progress")).body("urls", empty());
        new StacUploadClient(TestApiKeys.uploader("stac-stranger-" + UUID.randomUUID()), asset).request()
                .get(client.uploadsPath() + "/" + uploadId).then().statusCode(200).body("urls", empty());
        assertEquals(signed, FileRows.upload(uploadId).orElseThrow().get("urls_signed_at"));
        client.request().get(client.uploadsPath() + "/" + uploadId).then().statusCode(200).body("urls", hasSize(1));
        given().contentType(ContentType.JSON).body("{}").post(client.uploadsPath() + "/" + uploadId + "/abort").then()
                .statusCode(401).body("code", equalTo(401));
        given().header("X-API-KEY", "giq_not-a-key").get(client.uploadsPath()).then().statusCode(401);
    }

    @Test
    void callersNeedAnUploadPermission() {
        given().contentType(ContentType.JSON).body(StacUploadClient.body(List.of(new byte[] {1}), Optional.empty()))
                .post(client.uploadsPath()).then().statusCode(401);
        String noPermissions = TestApiKeys.create("stac-nobody");
        new StacUploadClient(noPermissions, asset).start(StacUploadClient.body(List.of(new byte[] {1}), Optional.empty()))
                .statusCode(403);
        new StacUploadClient(TestApiKeys.create("stac-admin", Permission.FILES_ADMIN), asset).request().get(client.uploadsPath())
                .then().statusCode(200);
    }

    /** An upload of one part, started and its part sent to storage. */
    /**
     * Completes the upload in storage alone, as a completion does that fails (or whose service
     * stops) after storage answered and before the file is recorded; returns the object's key.
     */
    private static String completedInStorageOnly(String uploadId, Map<String, Object> part) {
        Map<String, Object> upload = FileRows.upload(uploadId).orElseThrow();
        String key = (String) upload.get("object_key");
        TestInfrastructure.get().s3Client().completeMultipartUpload(request -> request
                .bucket(TestInfrastructure.BUCKET).key(key).uploadId((String) upload.get("s3_upload_id"))
                .multipartUpload(parts -> parts.parts(CompletedPart.builder().partNumber(1).eTag((String) part.get("etag")).build())));
        return key;
    }

    private void assertRejected(Map<String, Object> body, String description) {
        client.start(body).statusCode(400)
                .body("code", equalTo(400))
                .body("description", containsString(description));
    }

    private static Map<String, Object> part(int number, String md5) {
        return Map.of("part_number", number, "md5", md5);
    }

    private static Map<String, Object> body(Integer numberParts, List<Map<String, Object>> md5Parts, String checksum,
            String contentEncoding) {
        Map<String, Object> body = new HashMap<>();
        if (numberParts != null) {
            body.put("number_parts", numberParts);
        }
        if (md5Parts != null) {
            body.put("md5_parts", md5Parts);
        }
        if (checksum != null) {
            body.put("file:checksum", checksum);
        }
        if (contentEncoding != null) {
            body.put("content_encoding", contentEncoding);
        }
        return body;
    }
}
