package io.geoingest.upload.direct;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.storage.ObjectKeys;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.testing.TestInfrastructure;
import io.geoingest.upload.FileRows;
import io.geoingest.upload.StoredObjects;
import io.geoingest.upload.TestData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What direct uploads cut off (the service killed mid-upload) leave in storage, swept once old
 * enough; what belongs to a recorded file, or to a chunked or STAC upload, stays. Storage cannot
 * backdate anything, so the sweeps here take everything stored until a moment from now as old.
 */
@QuarkusTest
class DirectUploadLeftoversTest {
    private static final S3Client S3 = TestInfrastructure.get().s3Client();

    @Inject
    DirectUploadLeftovers leftovers;

    @Test
    void aMultipartUploadOfACutOffDirectUploadIsAbortedOnceOld() {
        String cutOff = ObjectKeys.forFile(UUID.randomUUID(), "cut-off.tif");
        String chunked = ObjectKeys.forUpload(UUID.randomUUID().toString(), "chunked.tif");
        startMultipartUpload(cutOff);
        startMultipartUpload(chunked);

        leftovers.removeStartedBefore(Instant.now().minus(Duration.ofHours(1)));
        assertEquals(List.of(cutOff), StoredObjects.multipartUploadsUnder(cutOff), "not old yet");

        leftovers.removeStartedBefore(Instant.now().plusSeconds(5));
        assertEquals(List.of(), StoredObjects.multipartUploadsUnder(cutOff));
        assertEquals(List.of(chunked), StoredObjects.multipartUploadsUnder(chunked), "a chunked upload's is left alone");
    }

    @Test
    void anObjectWithoutAFileIsDeletedOnceOldAndAFilesObjectIsKept() {
        byte[] content = TestData.bytes(1000);
        UUID fileId = UUID.fromString(given().header("X-API-KEY", TestApiKeys.uploader("leftovers-" + UUID.randomUUID()))
                .multiPart("file", "kept.tif", content).when().post("/public/file/upload")
                .then().statusCode(200).extract().path("fileId"));
        String recorded = (String) FileRows.file(fileId).orElseThrow().get("object_key");
        String unrecorded = ObjectKeys.forFile(UUID.randomUUID(), "no-row.tif");
        String notAFileKey = ObjectKeys.FILES_PREFIX + "not-an-id/odd.tif";
        String chunked = ObjectKeys.forUpload(UUID.randomUUID().toString(), "chunked.tif");
        List.of(unrecorded, notAFileKey, chunked).forEach(DirectUploadLeftoversTest::put);

        leftovers.removeStartedBefore(Instant.now().minus(Duration.ofHours(1)));
        assertTrue(StoredObjects.exists(unrecorded), "not old yet");

        leftovers.removeStartedBefore(Instant.now().plusSeconds(5));
        assertTrue(!StoredObjects.exists(unrecorded), "the object without a file row was deleted");
        assertArrayEquals(content, StoredObjects.read(recorded));
        assertTrue(StoredObjects.exists(notAFileKey), "a key that names no file is never touched");
        assertTrue(StoredObjects.exists(chunked), "what is not under files/ is never touched");
    }

    private static void startMultipartUpload(String key) {
        S3.createMultipartUpload(request -> request.bucket(TestInfrastructure.BUCKET).key(key));
    }

    private static void put(String key) {
        S3.putObject(request -> request.bucket(TestInfrastructure.BUCKET).key(key), RequestBody.fromBytes(TestData.bytes(10)));
    }
}
