package io.geoingest.upload.direct;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * What direct uploads cut off (the service killed mid-upload) leave in storage: their multipart
 * uploads are aborted once old enough, and no object is ever deleted. Storage cannot backdate
 * anything, so the sweeps here take everything stored until a moment from now as old; the bucket is
 * shared, so each sweeps only under the folder of a file id of its own.
 */
@QuarkusTest
class DirectUploadLeftoversTest {
    private static final S3Client S3 = TestInfrastructure.get().s3Client();

    @Inject
    DirectUploadLeftovers leftovers;

    @Test
    void aMultipartUploadOfACutOffDirectUploadIsAbortedOnceOld() {
        UUID fileId = UUID.randomUUID();
        String cutOff = ObjectKeys.forFile(fileId, "cut-off.tif");
        S3.createMultipartUpload(request -> request.bucket(TestInfrastructure.BUCKET).key(cutOff));

        leftovers.abortStartedBefore(folderOf(fileId), Instant.now().minus(Duration.ofHours(1)));
        assertEquals(List.of(cutOff), StoredObjects.multipartUploadsUnder(cutOff), "not old yet");

        leftovers.abortStartedBefore(folderOf(fileId), Instant.now().plusSeconds(5));
        assertEquals(List.of(), StoredObjects.multipartUploadsUnder(cutOff));
    }

    /** A row missing from this database may be in the one the files were recorded in (a restore, another installation). */
    @Test
    void noObjectUnderFilesIsDeletedWithOrWithoutAFileRow() {
        byte[] content = TestData.bytes(1000);
        UUID recordedId = UUID.fromString(given().header("X-API-KEY", TestApiKeys.uploader("leftovers-" + UUID.randomUUID()))
                .multiPart("file", "kept.tif", content).when().post("/public/file/upload")
                .then().statusCode(200).extract().path("fileId"));
        String recorded = (String) FileRows.file(recordedId).orElseThrow().get("object_key");
        UUID unrecordedId = UUID.randomUUID();
        String unrecorded = ObjectKeys.forFile(unrecordedId, "no-row.tif");
        byte[] unrecordedContent = TestData.bytes(10);
        S3.putObject(request -> request.bucket(TestInfrastructure.BUCKET).key(unrecorded), RequestBody.fromBytes(unrecordedContent));

        for (UUID fileId : List.of(recordedId, unrecordedId)) {
            leftovers.abortStartedBefore(folderOf(fileId), Instant.now().plusSeconds(5));
        }

        assertArrayEquals(content, StoredObjects.read(recorded));
        assertArrayEquals(unrecordedContent, StoredObjects.read(unrecorded), "an object without a row is kept");
    }

    private static String folderOf(UUID fileId) {
        return ObjectKeys.FILES_PREFIX + fileId + "/";
    }
}
