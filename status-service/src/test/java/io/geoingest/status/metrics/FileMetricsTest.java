package io.geoingest.status.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.geoingest.common.file.FileStatus;
import io.geoingest.status.TestFiles;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** /q/metrics: files by status (refreshed every few seconds) and the HTTP server's request metrics. */
@QuarkusTest
class FileMetricsTest {
    private static final Pattern FAILED_FILES = Pattern.compile("^geoingest_files\\{status=\"FAILED\"} (\\S+)", Pattern.MULTILINE);

    @Test
    void aNewFailedFileIsCountedWithinSeconds() throws InterruptedException {
        double before = failedFiles();
        TestFiles.save(TestFiles.file("alice", FileStatus.FAILED));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (failedFiles() < before + 1) {
            if (Instant.now().isAfter(deadline)) {
                fail("geoingest_files{status=\"FAILED\"} stayed at " + before);
            }
            Thread.sleep(250);
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("geoingest_files{status=\"QUEUED\"}"), "every status has its gauge, zero included");
        assertTrue(metrics.contains("http_server_requests_seconds_count{"), "HTTP server metrics are on");
    }

    private static double failedFiles() {
        Matcher matcher = FAILED_FILES.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        assertTrue(matcher.find(), "geoingest_files{status=\"FAILED\"} is exposed");
        return Double.parseDouble(matcher.group(1));
    }
}
