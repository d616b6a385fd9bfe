package io.geoingest.upload.stac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.geoingest.testing.LogCapture;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.upload.FileRows;
import io.geoingest.upload.Metrics;
import io.geoingest.upload.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What operators see of an upload: its file and bytes counted in /q/metrics under its path, its
 * file id in the log, and neither the caller's API key nor a presigned URL's signature anywhere in
 * the log (access log included).
 */
@QuarkusTest
class UploadObservabilityTest {

    @Test
    void aStacUploadIsCountedAndLoggedWithItsFileIdButNotWithSecrets() throws InterruptedException {
        String apiKey = TestApiKeys.uploader("observed-" + UUID.randomUUID());
        StacUploadClient client = new StacUploadClient(apiKey, StacAssets.create());
        byte[] bytes = TestData.bytes(12_345);
        double filesBefore = Metrics.sum("geoingest_upload_files_total", "path=\"stac\"");
        double bytesBefore = Metrics.sum("geoingest_upload_bytes_total", "path=\"stac\"");

        String fileId;
        List<LogCapture.Line> lines;
        try (LogCapture logs = LogCapture.start()) {
            ExtractableResponse<Response> started = client.start(List.of(bytes), Optional.empty()).statusCode(201).extract();
            String uploadId = started.path("upload_id");
            String partUrl = started.path("urls[0].url");
            assertTrue(partUrl.contains("X-Amz-Signature="), "the part URL is presigned: " + partUrl);
            awaitInProgressUpload();
            Map<String, Object> part = StacUploadClient.putPart(partUrl, 1, bytes);
            client.complete(uploadId, List.of(part)).statusCode(200);
            fileId = FileRows.upload(uploadId).orElseThrow().get("file_id").toString();
            lines = logs.lines();
        }

        assertEquals(filesBefore + 1, Metrics.sum("geoingest_upload_files_total", "path=\"stac\""));
        assertEquals(bytesBefore + bytes.length, Metrics.sum("geoingest_upload_bytes_total", "path=\"stac\""));
        assertFalse(lines.isEmpty(), "requests are logged (the access log is on in tests)");
        lines.forEach(line -> {
            assertFalse(line.message().contains(apiKey), () -> "the API key is in the log: " + line);
            assertFalse(line.message().contains("X-Amz-Signature"), () -> "a presigned signature is in the log: " + line);
        });
        assertTrue(lines.stream().anyMatch(line -> line.message().contains(fileId) && fileId.equals(line.fileId())),
                () -> "no log line about file " + fileId + " with its id in the log context: " + lines);
    }

    /** The gauge is read from the database at most every 5 seconds. */
    private static void awaitInProgressUpload() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (Metrics.sum("geoingest_uploads_in_progress", "kind=\"stac\"") < 1) {
            if (System.nanoTime() > deadline) {
                fail("geoingest_uploads_in_progress{kind=\"stac\"} does not count the started upload");
            }
            Thread.sleep(250);
        }
    }
}
