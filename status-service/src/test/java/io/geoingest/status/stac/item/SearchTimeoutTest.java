package io.geoingest.status.stac.item;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.common.stac.StacPaths;
import io.geoingest.testing.TestApiKeys;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A search the database cannot answer within geoingest.search.timeout is stopped, and the client told why. */
@QuarkusTest
class SearchTimeoutTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ItemQuery query;

    @Test
    void aSearchOverItsTimeIsA400ThatSaysSoAndItemsAreStillRead() {
        String key = TestApiKeys.uploader("writer-" + UUID.randomUUID());
        String collection = "slow-" + UUID.randomUUID().toString().substring(0, 8);
        String collectionPath = StacPaths.BASE_PATH + "/collections/" + collection;
        write(key, collectionPath, JSON.createObjectNode().put("id", collection).put("description", "slow searches")
                .put("license", "CC-BY-4.0"));
        ObjectNode item = JSON.createObjectNode().put("type", "Feature").put("id", "scene");
        item.putObject("geometry").put("type", "Point").putArray("coordinates").add(7).add(46);
        item.putObject("properties").put("datetime", "2024-01-01T00:00:00Z");
        write(key, collectionPath + "/items/scene", item);
        // a statement PostgreSQL takes more than a millisecond to parse and plan, whatever the machine
        String filter = IntStream.range(0, 300).mapToObj(i -> "title LIKE '%" + i + "%'")
                .collect(Collectors.joining(" OR "));
        ObjectNode search = JSON.createObjectNode().put("filter-lang", "cql2-text").put("filter", filter);
        search.putArray("collections").add(collection);

        ItemQuery queries = (ItemQuery) ClientProxy.unwrap(query);
        Duration configured = queries.pageTimeout;
        queries.pageTimeout = Duration.ofMillis(1);
        try {
            given().header("X-API-KEY", key).contentType(ContentType.JSON).body(search.toString())
                    .when().post(StacPaths.BASE_PATH + "/search")
                    .then().statusCode(400).body("code", equalTo(400))
                    .body("description", containsString("The search ran longer than 1 ms and was stopped"));
            given().header("X-API-KEY", key).when().get(collectionPath + "/items/scene").then().statusCode(200);
        } finally {
            queries.pageTimeout = configured;
        }
        given().header("X-API-KEY", key).contentType(ContentType.JSON).body(search.toString())
                .when().post(StacPaths.BASE_PATH + "/search").then().statusCode(200);
    }

    private static void write(String key, String path, ObjectNode document) {
        given().header("X-API-KEY", key).contentType(ContentType.JSON).body(document.toString()).when().put(path)
                .then().statusCode(201);
    }
}
