package io.geoingest.status.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.geoingest.common.file.FileStatus;
import io.geoingest.status.TestFiles;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /q/metrics: files by status (refreshed every few seconds) and the HTTP server's request metrics. */
@QuarkusTest
class FileMetricsTest {
    @Test
    void aNewFailedFileIsCountedWithinSeconds() throws InterruptedException {
        assertCountedWithinSeconds(FileStatus.FAILED);
    }

    @Test
    void aNewQueuedFileIsCountedWithinSeconds() throws InterruptedException {
        assertCountedWithinSeconds(FileStatus.QUEUED);
    }

    @Test
    void everyStatusHasItsGaugeAndHttpRequestsAreMeasured() {
        given().get("/public/file/status/" + UUID.randomUUID()).then().statusCode(401);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (FileStatus status : FileStatus.values()) {
            assertTrue(metrics.contains("geoingest_files{status=\"" + status + "\"}"), "a gauge for " + status);
        }
        assertTrue(metrics.contains("http_server_requests_seconds_count{"), "HTTP server metrics are on");
    }

    private static void assertCountedWithinSeconds(FileStatus status) throws InterruptedException {
        double before = files(status);
        TestFiles.save(TestFiles.file("alice", status));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (files(status) < before + 1) {
            if (Instant.now().isAfter(deadline)) {
                fail("geoingest_files{status=\"" + status + "\"} stayed at " + before);
            }
            Thread.sleep(250);
        }
    }

    private static double files(FileStatus status) {
        Pattern gauge = Pattern.compile("^geoingest_files\\{status=\"" + status + "\"} (\\S+)", Pattern.MULTILINE);
        Matcher matcher = gauge.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        assertTrue(matcher.find(), "geoingest_files{status=\"" + status + "\"} is exposed");
        return Double.parseDouble(matcher.group(1));
    }
}
