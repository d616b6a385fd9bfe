package io.geoingest.status.stac;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Catalog documents as clients write them, and calls to the STAC API with an API key. */
final class StacFixtures {
    static final String BASE = "/api/stac/v1";
    static final String COLLECTION = BASE + "/collections/{collectionId}";
    static final String ITEMS = COLLECTION + "/items";
    static final String ITEM = ITEMS + "/{itemId}";
    static final String ASSETS = ITEM + "/assets";
    static final String ASSET = ASSETS + "/{assetId}";
    static final ObjectMapper JSON = new ObjectMapper();

    private StacFixtures() {
    }

    /** Ids unique to a test, so that tests sharing the database never see each other's documents. */
    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RequestSpecification as(String apiKey) {
        return given().header("X-API-KEY", apiKey);
    }

    static ValidatableResponse put(String apiKey, ObjectNode body, String path, Object... pathParams) {
        return as(apiKey).contentType(ContentType.JSON).body(body.toString()).when().put(path, pathParams).then();
    }

    static ObjectNode collection(String id) {
        return JSON.createObjectNode().put("id", id).put("description", "Scenes for " + id).put("license", "CC-BY-4.0");
    }

    static void createCollection(String apiKey, String id) {
        put(apiKey, collection(id), COLLECTION, id).statusCode(201);
    }

    static ObjectNode point(double x, double y) {
        ObjectNode point = JSON.createObjectNode().put("type", "Point");
        point.putArray("coordinates").add(x).add(y);
        return point;
    }

    /** A polygon with one ring through the given (x, y) pairs, closed automatically. */
    static ObjectNode polygon(double... xy) {
        ObjectNode polygon = JSON.createObjectNode().put("type", "Polygon");
        ArrayNode ring = polygon.putArray("coordinates").addArray();
        for (int i = 0; i < xy.length; i += 2) {
            ring.addArray().add(xy[i]).add(xy[i + 1]);
        }
        ring.addArray().add(xy[0]).add(xy[1]);
        return polygon;
    }

    static ObjectNode box(double minX, double minY, double maxX, double maxY) {
        return polygon(minX, minY, maxX, minY, maxX, maxY, minX, maxY);
    }

    /**
     * The box from {@code west} eastward across the antimeridian to {@code east}, split there as
     * RFC 7946 asks: a multipolygon of the parts on either side.
     */
    static ObjectNode boxAcrossTheAntimeridian(double west, double south, double east, double north) {
        ObjectNode multiPolygon = JSON.createObjectNode().put("type", "MultiPolygon");
        ArrayNode polygons = multiPolygon.putArray("coordinates");
        polygons.add(box(west, south, 180, north).get("coordinates"));
        polygons.add(box(-180, south, east, north).get("coordinates"));
        return multiPolygon;
    }

    static ObjectNode item(String id, ObjectNode geometry, String datetime) {
        ObjectNode item = JSON.createObjectNode().put("type", "Feature").put("id", id);
        item.set("geometry", geometry);
        item.putObject("properties").put("datetime", datetime);
        return item;
    }

    static ObjectNode itemSpanning(String id, ObjectNode geometry, String start, String end) {
        ObjectNode item = item(id, geometry, null);
        ((ObjectNode) item.get("properties")).put("start_datetime", start).put("end_datetime", end);
        return item;
    }

    static void createItem(String apiKey, String collectionId, ObjectNode item) {
        put(apiKey, item, ITEM, collectionId, item.get("id").asText()).statusCode(201);
    }
}
