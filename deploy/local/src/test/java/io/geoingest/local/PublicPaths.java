package io.geoingest.local;

import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Public paths that every router in front of the services (gateway, Ingress, compose's nginx) must send alike. */
final class PublicPaths {

    private PublicPaths() {
    }

    /** A path of every kind the gateway routes ({@link Routes}). */
    static Stream<String> samples() {
        return Stream.of(
                "/public/file/upload", "/public/file/generateUploadId", "/public/file/uploadChunk",
                "/public/file/completeUpload", "/public/file/upload/u1/parts", "/public/auth/api-keys/k1",
                "/public/file/status/f1", "/public/file/status/f1/events", "/public/file/download/url",
                "/api/stac/v1", "/api/stac/v1/search", "/api/stac/v1/queryables", "/api/stac/v1/collections/c/queryables",
                "/api/stac/v1/collections/c/items/i",
                "/api/stac/v1/collections/c/items/i/assets/a",
                "/api/stac/v1/collections/c/items/i/assets/a/uploads",
                "/api/stac/v1/collections/c/items/i/assets/a/uploads/u/complete",
                "/api/stac/v1/collections/c/items/i/assets/a/uploadsx",
                "/api/stac/v1/collections/uploads/items/i");
    }

    /** The API documentation paths and the service that serves each where no gateway assembles them. */
    static Stream<Arguments> documentation() {
        return Stream.of(
                Arguments.of("/q/swagger-ui", "status-service"),
                Arguments.of("/q/swagger-ui/swagger-ui-bundle.js", "status-service"),
                Arguments.of("/q/openapi/status", "status-service"),
                Arguments.of("/q/openapi/upload", "upload-service"));
    }
}
