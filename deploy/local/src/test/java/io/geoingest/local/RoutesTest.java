package io.geoingest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoutesTest {

    @ParameterizedTest
    @CsvSource({
            "/public/file/upload, UPLOAD",
            "/public/file/generateUploadId, UPLOAD",
            "/public/file/uploadChunk, UPLOAD",
            "/public/file/completeUpload, UPLOAD",
            "/public/file/upload/abc/parts, UPLOAD",
            "/public/auth/api-keys, UPLOAD",
            "/public/file/status/0b7d, STATUS",
            "/public/file/status/0b7d/events, STATUS",
            "/public/file/download/url, STATUS",
            "/api/stac/v1, STATUS",
            "/api/stac/v1/collections/c/items, STATUS",
            "/api/stac/v1/search, STATUS",
            "/api/stac/v1/collections/c, STATUS",
            "/api/stac/v1/collections/c/items/i/assets/a, STATUS",
            "/api/stac/v1/collections/c/items/i, STATUS",
            "/api/stac/v1/collections/c/items/i/assets/a/uploads, UPLOAD",
            "/api/stac/v1/collections/c/items/i/assets/a/uploads/u/complete, UPLOAD",
            "/api/stac/v1/collections/uploads/items/i, STATUS",
            "/public/file/status/../../auth/api-keys, UPLOAD",
            "/api/stac/v1/collections/c/items/i/assets/a/uploads/%2e%2e/%2E%2E, STATUS",
    })
    void publicPathsReachTheirService(String path, Service expected) {
        assertEquals(Optional.of(expected), Routes.route(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/q/health", "/api/stac/v2", "/publicity", "/public/file/../../q/metrics",
            "/public/%2e%2e/q/metrics", "/public/%2E%2E/q/health/ready", "/api/stac/v1/../../q/metrics",
            "/public/file/status/./../../../q/metrics"})
    void otherPathsAreNotRouted(String path) {
        assertTrue(Routes.route(path).isEmpty());
    }
}
