package io.geoingest.status;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.auth.Caller;
import io.geoingest.common.error.ErrorMapper;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import io.geoingest.status.file.VisibleFiles;
import io.geoingest.status.stream.StatusStreams;
import io.geoingest.testing.LogCapture;
import io.geoingest.testing.TestApiKeys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A log line about a file carries its id in the log context, where a log reader filters by it:
 * the 500s of the status and download URL requests and the failed re-reads of a status stream
 * had none.
 */
@QuarkusTest
class FileIdInTheLogTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TestHTTPResource("/public/file/status")
    URI statusBase;

    private final UUID fileId = UUID.randomUUID();
    private final String key = TestApiKeys.uploader("log-context-" + UUID.randomUUID());

    /** A file IN_PROGRESS for whoever asks, whose re-reads fail as with the database gone. */
    static class UnreadableFiles extends VisibleFiles {
        @Override
        public FileRecord require(UUID id, Caller caller) {
            throw new IllegalStateException("the database is gone");
        }

        @Override
        public Optional<FileRecord> current(UUID id) {
            throw new IllegalStateException("the database is gone");
        }
    }

    @BeforeEach
    void databaseGone() {
        QuarkusMock.installMockForType(new UnreadableFiles(), VisibleFiles.class);
    }

    @Test
    void theFailureOfAStatusRequestIsLoggedWithItsFileId() throws InterruptedException {
        try (LogCapture logs = LogCapture.start()) {
            given().header("X-API-KEY", key).when().get("/public/file/status/{id}", fileId).then().statusCode(500);

            assertLoggedWithItsId(logs, ErrorMapper.class);
        }
    }

    @Test
    void theFailureOfADownloadUrlRequestIsLoggedWithItsFileId() throws InterruptedException {
        try (LogCapture logs = LogCapture.start()) {
            given().header("X-API-KEY", key).queryParam("fileId", fileId.toString())
                    .when().get("/public/file/download/url").then().statusCode(500);

            assertLoggedWithItsId(logs, ErrorMapper.class);
        }
    }

    @Test
    void aFailedReReadOfAStatusStreamIsLoggedWithItsFileId() throws Exception {
        FileRecord inProgress = new FileRecord();
        inProgress.id = fileId;
        inProgress.status = FileStatus.IN_PROGRESS;
        inProgress.updatedAt = Instant.now();
        QuarkusMock.installMockForType(new UnreadableFiles() {
            @Override
            public FileRecord require(UUID id, Caller caller) {
                return inProgress;
            }
        }, VisibleFiles.class);

        try (LogCapture logs = LogCapture.start()) {
            CompletableFuture<HttpResponse<Stream<String>>> stream = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(URI.create(statusBase + "/" + fileId + "/events")).header("X-API-KEY", key).build(),
                    HttpResponse.BodyHandlers.ofLines());
            try {
                assertLoggedWithItsId(logs, StatusStreams.class);
            } finally {
                stream.get(WAIT.toSeconds(), TimeUnit.SECONDS).body().close();
            }
        }
    }

    /** Waits for {@code logger} to log, and asserts that each of its lines carries the file's id. */
    private void assertLoggedWithItsId(LogCapture logs, Class<?> logger) throws InterruptedException {
        String id = fileId.toString();
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<LogCapture.Line> logged = List.of();
        while (logged.isEmpty()) {
            assertTrue(System.nanoTime() < deadline, () -> "no line of " + logger.getSimpleName() + ": " + logs.lines());
            Thread.sleep(100);
            logged = logs.lines().stream()
                    .filter(line -> line.logger().equals(logger.getName()))
                    .toList();
        }
        logged.forEach(line -> assertEquals(id, line.fileId(), () -> "no file id in the log context of " + line));
    }
}
