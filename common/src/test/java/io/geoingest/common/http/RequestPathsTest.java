package io.geoingest.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RequestPathsTest {

    /**
     * Quarkus REST leaves out matrix parameters before it picks an endpoint, so /collections;x
     * reached the collections, while every rule decided by path (credentials first, body limits,
     * the gateway's routing) found no endpoint there and let it pass unjudged.
     */
    @Test
    void aPathIsJudgedWithoutTheMatrixParametersOfItsSegments() {
        assertEquals("/api/stac/v1/collections/pub/items", RequestPaths.normalized("/api/stac/v1/collections;x/pub;a=1;b/items;"));
        assertEquals("/public/file/upload", RequestPaths.normalized("/public/./file;v=2/upload"));
        assertEquals("/api/stac/v1/search", RequestPaths.normalized("/api/stac/v1/search"));
    }
}
