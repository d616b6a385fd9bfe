package io.geoingest.status.stac;

import static io.geoingest.status.stac.StacFixtures.BASE;
import static io.geoingest.status.stac.StacFixtures.COLLECTION;
import static io.geoingest.status.stac.StacFixtures.ITEMS;
import static io.geoingest.status.stac.StacFixtures.JSON;
import static io.geoingest.status.stac.StacFixtures.as;
import static io.geoingest.status.stac.StacFixtures.createCollection;
import static io.geoingest.status.stac.StacFixtures.uniqueId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoingest.status.stac.item.ItemOrder;
import io.geoingest.status.stac.item.ItemPages;
import io.geoingest.testing.AsDatabaseOwner;
import io.geoingest.testing.TestApiKeys;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A spatial filter whose box overlaps every item's box but whose geometry meets none of them made
 * one request read and test every item (the whole table, batch after batch). A page now examines
 * at most {@link ItemPages#candidateCap} candidates and then ends, possibly short or empty, with a
 * {@code next} link after the last one examined; following the links still finds every match.
 * The cursors show the bound (a page's last key is at most the cap past the previous one) where a
 * time limit would be flaky on a shared machine.
 */
@QuarkusTest
class StacSpatialCandidateCapTest {
    /** Pages of one item examine this many candidates at most. */
    private static final int CAP = ItemPages.candidateCap(1);
    /** Two caps and a half of items: the first page ends at the cap, before any match. */
    private static final int ITEMS_COUNT = CAP * 5 / 2;
    /** The numbers of the matches: two just past the first cap, and the last item. */
    private static final List<Integer> MATCHING = List.of(CAP + 200, CAP + 201, ITEMS_COUNT);
    private static final List<String> MATCHES = MATCHING.stream().map(StacSpatialCandidateCapTest::id).toList();

    private final String readerKey = TestApiKeys.create("reader-" + UUID.randomUUID());
    private String collection;

    private static String id(int n) {
        return String.format("i%06d", n);
    }

    /**
     * Items whose box is 0,0,10,10 and whose geometry is its diagonal, so that neither the
     * points 0,-89 and 179,89 (whose box, less than half the world wide, covers them) nor the box
     * 0,9,1,10 touch them; the matches are a point at 0.5,9.5 and one at 179,89. Inserted in one
     * statement: thousands of PUTs would take too long.
     */
    @BeforeEach
    void createItems() {
        collection = uniqueId("cap");
        createCollection(TestApiKeys.uploader("writer-" + UUID.randomUUID()), collection);
        AsDatabaseOwner.run(() -> Panache.getEntityManager().createNativeQuery("""
                insert into stac_item (collection_id, id, geometry, bbox_min_x, bbox_min_y, bbox_max_x, bbox_max_y,
                    datetime, properties, created_at, updated_at)
                select ?1, 'i' || lpad(g::text, 6, '0'),
                    case when match then cast('{"type":"MultiPoint","coordinates":[[0.5,9.5],[179,89]]}' as jsonb)
                         else cast('{"type":"LineString","coordinates":[[0,0],[10,10]]}' as jsonb) end,
                    case when match then 0.5 else 0 end, case when match then 9.5 else 0 end,
                    case when match then 179 else 10 end, case when match then 89 else 10 end,
                    now(), '{}', now(), now()
                from (select g, g in (%d, %d, %d) as match from generate_series(1, %d) g) numbers"""
                .formatted(MATCHING.get(0), MATCHING.get(1), MATCHING.get(2), ITEMS_COUNT))
                .setParameter(1, collection).executeUpdate());
    }

    @AfterEach
    void deleteItems() {
        as(TestApiKeys.admin()).when().delete(COLLECTION, collection).then().statusCode(204);
    }

    @Test
    void aSearchWhoseGeometryMeetsNoneOfTheItemsItsBoxCoversPagesOnAtTheCap() throws Exception {
        ObjectNode body = JSON.createObjectNode().put("limit", 1);
        body.putArray("collections").add(collection);
        body.putObject("intersects").put("type", "MultiPoint").putArray("coordinates")
                .add(JSON.createArrayNode().add(0).add(-89)).add(JSON.createArrayNode().add(179).add(89));

        List<String> seen = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        JsonNode search = body;
        while (search != null) {
            JsonNode page = JSON.readTree(as(readerKey).contentType(ContentType.JSON).body(search.toString())
                    .when().post(BASE + "/search").then().statusCode(200).extract().asString());
            assertTrue(page.get("features").size() <= 1, page.toString());
            page.get("features").forEach(feature -> seen.add(feature.get("id").asText()));
            search = null;
            for (JsonNode link : page.get("links")) {
                if (link.get("rel").asText().equals("next")) {
                    search = link.get("body");
                    cursors.add(ItemOrder.BY_KEY.keyOf(search.get("cursor").asText()).get(1));
                }
            }
        }

        assertEquals(id(CAP), cursors.isEmpty() ? null : cursors.get(0),
                "the first page examined the cap's candidates, matched none, and goes on after the last");
        assertEquals(MATCHES, seen);
        // The second page ends at its match (the next one shows that there is a next page); the
        // third examines the cap's candidates from the second match on; the fourth reaches the end.
        assertEquals(List.of(id(CAP), MATCHES.get(0), id(CAP + 201 + CAP - 1)), cursors);
    }

    @Test
    void aCollectionsItemsWithinABboxMeetingNoneOfTheItemsItCoversPageOnAtTheCap() {
        List<String> seen = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        String next = ITEMS.replace("{collectionId}", collection) + "?limit=1&bbox=0,9,1,10";
        while (next != null) {
            // the links are encoded already: RestAssured must send them as they are
            JsonPath page = as(readerKey).urlEncodingEnabled(false).when().get(next).then().statusCode(200)
                    .extract().jsonPath();
            assertTrue(page.getList("features").size() <= 1);
            seen.addAll(page.getList("features.id"));
            next = page.getString("links.find { it.rel == 'next' }.href");
            if (next != null) {
                String cursor = next.replaceFirst(".*[?&]cursor=([^&]*).*", "$1");
                cursors.add(ItemOrder.BY_KEY.keyOf(URLDecoder.decode(cursor, StandardCharsets.UTF_8)).get(1));
            }
        }

        assertEquals(id(CAP), cursors.isEmpty() ? null : cursors.get(0),
                "the first page examined the cap's candidates, matched none, and goes on after the last");
        assertEquals(MATCHES, seen);
        assertEquals(List.of(id(CAP), MATCHES.get(0), id(CAP + 201 + CAP - 1)), cursors);
    }
}
