package io.geoingest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutesTest {

    @ParameterizedTest
    @CsvSource({
            "POST, /public/file/upload, UPLOAD",
            "POST, /public/file/generateUploadId, UPLOAD",
            "POST, /public/file/uploadChunk, UPLOAD",
            "POST, /public/file/completeUpload, UPLOAD",
            "GET, /public/file/upload/abc/parts, UPLOAD",
            "POST, /public/auth/api-keys, UPLOAD",
            "GET, /public/file/status/0b7d, STATUS",
            "GET, /public/file/status/0b7d/events, STATUS",
            "GET, /public/file/download/url, STATUS",
            "GET, /api/stac/v1, STATUS",
            "GET, /api/stac/v1/collections/c/items, STATUS",
            "GET, /api/stac/v1/search, STATUS",
            "POST, /api/stac/v1/search, STATUS",
            "PUT, /api/stac/v1/collections/c, UPLOAD",
            "PUT, /api/stac/v1/collections/c/items/i/assets/a, UPLOAD",
            "POST, /api/stac/v1/collections/c/items/i/assets/a/uploads, UPLOAD",
            "GET, /api/stac/v1/collections/c/items/i/assets/a/uploads, UPLOAD",
            "POST, /api/stac/v1/collections/c/items/i/assets/a/uploads/u/complete, UPLOAD",
    })
    void publicPathsReachTheirService(String method, String path, Service expected) {
        assertEquals(Optional.of(expected), Routes.route(method, path));
    }

    @ParameterizedTest
    @CsvSource({"GET, /", "GET, /q/health", "GET, /api/stac/v2", "GET, /publicity"})
    void otherPathsAreNotRouted(String method, String path) {
        assertTrue(Routes.route(method, path).isEmpty());
    }
}
