package io.geoingest.upload.direct;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.geoingest.common.file.FileRecord;
import io.geoingest.testing.LogCapture;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.upload.FileRows;
import io.geoingest.upload.StoredObjects;
import io.geoingest.upload.TestData;
import io.geoingest.upload.files.FileRegistry;
import io.geoingest.upload.files.NewFile;
import io.geoingest.upload.metrics.UploadMetrics;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What a direct upload answers, keeps and logs when recording its file fails, or seems to. */
@QuarkusTest
class DirectUploadRecordingTest {
    private static final String UPLOAD = "/public/file/upload";
    private static final String REFUSED_NAME = "refused-by-the-database.bin";

    @Inject
    FileRegistry registry;

    private final String key = TestApiKeys.uploader("recording-" + UUID.randomUUID());

    private RequestSpecification asUploader() {
        return given().header("X-API-KEY", key);
    }

    /** The COMMIT went through, its answer did not: the QUEUED row and its event point at the object, which must stay. */
    @Test
    void aFileRecordedThoughTheAnswerWasLostIsStoredAndAnswered() {
        FileRegistry real = ClientProxy.unwrap(registry);
        assertStoredAndAnsweredThoughRegisterFails(real::register);
    }

    /** The failed connection's backend was still finishing the COMMIT when the upload first looked for the row. */
    @Test
    void aFileWhoseCommitIsSeenOnlyAfterAMomentIsStoredAndAnswered() {
        FileRegistry real = ClientProxy.unwrap(registry);
        assertStoredAndAnsweredThoughRegisterFails(file -> CompletableFuture.runAsync(() -> real.register(file),
                CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS)));
    }

    /** Uploads a file while recording answers with a failure once {@code commit} has the file. */
    private void assertStoredAndAnsweredThoughRegisterFails(Consumer<NewFile> commit) {
        QuarkusMock.installMockForType(new FileRegistry() {
            @Override
            public FileRecord register(NewFile file) {
                commit.accept(file);
                throw new IllegalStateException("the connection broke before the commit was acknowledged");
            }
        }, FileRegistry.class);
        byte[] content = TestData.bytes(5000);

        UUID fileId = UUID.fromString(asUploader().multiPart("file", "scene.tif", content).when().post(UPLOAD)
                .then().statusCode(200).body("size", equalTo(content.length)).extract().path("fileId"));

        Map<String, Object> row = FileRows.file(fileId).orElseThrow();
        assertEquals("QUEUED", row.get("status"));
        assertArrayEquals(content, StoredObjects.read((String) row.get("object_key")));
    }

    @Test
    void aStoredFileIsAnsweredEvenWhenItCannotBeCounted() {
        QuarkusMock.installMockForType(new UploadMetrics() {
            @Override
            public void fileStored(UploadPath path, UUID fileId, long bytes) {
                throw new IllegalStateException("the meter registry is closed");
            }
        }, UploadMetrics.class);

        UUID fileId = UUID.fromString(asUploader().multiPart("file", "scene.tif", TestData.bytes(100)).when().post(UPLOAD)
                .then().statusCode(200).extract().path("fileId"));

        assertEquals("QUEUED", FileRows.file(fileId).orElseThrow().get("status"));
    }

    @Test
    void aFileTheDatabaseRefusesLeavesNothingInStorageAndItsLinesNameIt() {
        FileRows.refuseFilesNamed(REFUSED_NAME);
        List<LogCapture.Line> lines;
        try (LogCapture capture = LogCapture.start()) {
            asUploader().multiPart("file", REFUSED_NAME, TestData.bytes(100)).when().post(UPLOAD)
                    .then().statusCode(500).body("error", equalTo("Internal Server Error"));
            lines = capture.lines();
        }

        LogCapture.Line failure = lines.stream().filter(line -> line.message().startsWith("Could not record file"))
                .findFirst().orElseThrow(() -> new AssertionError("no line about the failure in " + lines));
        String fileId = failure.message().substring("Could not record file ".length(), "Could not record file ".length() + 36);
        assertEquals(fileId, failure.fileId(), failure.toString());
        assertEquals(List.of(), StoredObjects.keysUnder("files/" + fileId + "/"), "the object was removed");
    }

    /** A failure no one in the upload expected is logged by the error mapper, once the upload's own context is closed. */
    @Test
    void anUnexpectedFailureIsLoggedWithTheFileItHappenedTo() {
        QuarkusMock.installMockForType(new FileRegistry() {
            @Override
            public FileRecord register(NewFile file) {
                throw sneaky(new Exception("a failure of a kind nobody catches"));
            }
        }, FileRegistry.class);
        List<LogCapture.Line> lines;
        try (LogCapture capture = LogCapture.start()) {
            asUploader().multiPart("file", "scene.tif", TestData.bytes(100)).when().post(UPLOAD).then().statusCode(500);
            lines = capture.lines();
        }

        LogCapture.Line failure = lines.stream().filter(line -> line.message().startsWith("POST " + UPLOAD + " failed"))
                .findFirst().orElseThrow(() -> new AssertionError("no line about the failure in " + lines));
        assertNotEquals("", failure.fileId(), failure.toString());
        assertEquals(1, StoredObjects.keysUnder("files/" + UUID.fromString(failure.fileId()) + "/").size(),
                "the line names the file whose object was stored: " + failure);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> RuntimeException sneaky(Exception e) throws E {
        throw (E) e;
    }
}
