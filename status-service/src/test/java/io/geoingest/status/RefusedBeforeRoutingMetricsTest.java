package io.geoingest.status;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.testing.RawHttp;
import io.geoingest.testing.TestApiKeys;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The HTTP metrics name a request by its route's template. Requests refused before Quarkus REST
 * routes them (401 and 403 ahead of the body, 413 on the declared length) were named by the path
 * as sent: a series for every file id anyone asked about, without credentials, and once the
 * metrics held their 100 names, requests of endpoints not named yet were not counted at all.
 */
@QuarkusTest
class RefusedBeforeRoutingMetricsTest {
    private static final long OVER_THE_LIMIT = 2L << 20;

    @TestHTTPResource("/")
    URI base;

    @Test
    void unauthenticatedRequestsForManyFilesAreCountedUnderOneTemplate() {
        List<String> sent = new ArrayList<>();
        for (int request = 0; request < 150; request++) {
            String id = UUID.randomUUID().toString();
            sent.add(id);
            given().when().get("/public/file/status/{id}", id).then().statusCode(401);
        }

        List<String> requests = httpRequestCounts();
        assertNoLabelHolds(sent, requests);
        assertTrue(requests.stream().anyMatch(line -> line.contains("status=\"401\"")
                && line.contains("uri=\"/public/file/status/{id}\"")), () -> String.join("\n", requests));
    }

    @Test
    void aBodyOverTheLimitIsCountedUnderItsTemplateOrAsUnrouted() throws IOException {
        String headers = RawHttp.apiHeaders(base.getHost() + ":" + base.getPort(), TestApiKeys.admin(), "application/json");
        String collection = UUID.randomUUID().toString();
        String elsewhere = UUID.randomUUID().toString();
        String item = RawHttp.answerWithoutTheBody(base.getPort(), "/api/stac/v1/collections/" + collection + "/items",
                headers, OVER_THE_LIMIT);
        String nowhere = RawHttp.answerWithoutTheBody(base.getPort(), "/nowhere/" + elsewhere, headers, OVER_THE_LIMIT);
        assertTrue(item.startsWith("HTTP/1.1 413 "), item);
        assertTrue(nowhere.startsWith("HTTP/1.1 413 "), nowhere);

        List<String> requests = httpRequestCounts();
        assertNoLabelHolds(List.of(collection, elsewhere), requests);
        assertTrue(requests.stream().anyMatch(line -> line.contains("status=\"413\"")
                && line.contains("uri=\"/api/stac/v1/collections/{collectionId}/items\"")), () -> String.join("\n", requests));
        assertTrue(requests.stream().anyMatch(line -> line.contains("status=\"413\"")
                && line.contains("uri=\"/{unrouted}\"")), () -> String.join("\n", requests));
    }

    private static void assertNoLabelHolds(List<String> ids, List<String> requests) {
        ids.forEach(id -> assertFalse(requests.stream().anyMatch(line -> line.contains(id)),
                () -> id + " is in a label: " + String.join("\n", requests)));
    }

    private static List<String> httpRequestCounts() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{")).toList();
    }
}
