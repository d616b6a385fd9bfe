package io.geoingest.status.file;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.auth.Permission;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import io.geoingest.status.TestFiles;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FileStatusTest {
    private static final String STATUS = "/public/file/status/{id}";

    private final String owner = "owner-" + UUID.randomUUID();
    private final String ownerKey = TestApiKeys.uploader(owner);

    private static ValidatableResponse status(String apiKey, Object id) {
        return given().header("X-API-KEY", apiKey).when().get(STATUS, id).then();
    }

    @Test
    void completedFileShowsSpecFieldsWithEpochMillisAndWhatTheWorkerFound() throws Exception {
        FileRecord file = TestFiles.file(owner, FileStatus.COMPLETED);
        file.originalName = "test.png";
        file.createdAt = Instant.parse("2024-01-30T10:25:23.613Z");
        file.updatedAt = Instant.parse("2024-01-30T10:26:00.001Z");
        file.size = 2048;
        file.contentType = "image/png";
        file.checksum = "1220" + "ab".repeat(32);
        file.metadata = new ObjectMapper().readTree("{\"width\": 640, \"height\": 480}");
        TestFiles.save(file);

        status(ownerKey, file.id)
                .statusCode(200)
                .contentType("application/json")
                .body("id", equalTo(file.id.toString()))
                .body("originalName", equalTo("test.png"))
                .body("status", equalTo("COMPLETED"))
                .body("createdAt", equalTo(1706610323613L))
                .body("updatedAt", equalTo(1706610360001L))
                .body("size", equalTo(2048))
                .body("sourceType", equalTo("MULTISPECTRAL"))
                .body("contentType", equalTo("image/png"))
                .body("checksum", equalTo(file.checksum))
                .body("metadata.width", equalTo(640))
                .body("$", not(hasKey("error")));
    }

    @Test
    void failedFileTellsWhy() {
        FileRecord file = TestFiles.file(owner, FileStatus.FAILED);
        file.failureReason = "Size mismatch: declared 1024 bytes, stored 1000";
        TestFiles.save(file);

        status(ownerKey, file.id)
                .statusCode(200)
                .body("status", equalTo("FAILED"))
                .body("error", equalTo("Size mismatch: declared 1024 bytes, stored 1000"));
    }

    @Test
    void queuedFileLeavesOutWhatIsNotKnownYet() {
        FileRecord file = TestFiles.save(TestFiles.file(owner, FileStatus.QUEUED));

        status(ownerKey, file.id)
                .statusCode(200)
                .body("status", equalTo("QUEUED"))
                .body("$", not(hasKey("contentType")))
                .body("$", not(hasKey("checksum")))
                .body("$", not(hasKey("metadata")))
                .body("$", not(hasKey("error")));
    }

    @Test
    void unknownIdIsNotFound() {
        status(ownerKey, UUID.randomUUID())
                .statusCode(404)
                .body("$", aMapWithSize(1))
                .body("error", equalTo("File not found"));
    }

    @Test
    void malformedIdIsNotFound() {
        status(ownerKey, "not-a-uuid")
                .statusCode(404)
                .body("error", equalTo("File not found"));
    }

    @Test
    void anotherOwnersFileIsNotFoundForAnUploaderButVisibleToAnAdmin() {
        FileRecord file = TestFiles.save(TestFiles.file(owner, FileStatus.QUEUED));

        status(TestApiKeys.uploader("someone-else-" + UUID.randomUUID()), file.id)
                .statusCode(404)
                .body("error", equalTo("File not found"));
        status(TestApiKeys.admin(), file.id)
                .statusCode(200)
                .body("id", equalTo(file.id.toString()));
    }

    @Test
    void bearerTokenOfTheOwnerIsAccepted() {
        FileRecord file = TestFiles.save(TestFiles.file(owner, FileStatus.QUEUED));

        given().auth().oauth2(TestTokens.bearer(owner, Permission.UPLOAD))
                .when().get(STATUS, file.id)
                .then().statusCode(200).body("status", equalTo("QUEUED"));
    }

    @Test
    void missingCredentialsAreUnauthorized() {
        FileRecord file = TestFiles.save(TestFiles.file(owner, FileStatus.QUEUED));

        given().when().get(STATUS, file.id)
                .then().statusCode(401)
                .body("error", equalTo("Unauthorized Request"));
    }
}
