package io.geoingest.status.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoingest.common.stac.CatalogOwnership;
import io.geoingest.testing.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiDocumentTest extends OpenApiContract {
    private static final String ITEM = "/api/stac/v1/collections/{collectionId}/items/{itemId}";

    /** Answered as a Response, whose entity the scanner cannot see: a client generator made it untyped. */
    @Test
    void anItemIsAnObject() {
        for (String method : List.of("get", "put")) {
            JsonNode content = paths().path(ITEM).path(method).path("responses").path("200").path("content");
            Set<String> types = new HashSet<>();
            content.fieldNames().forEachRemaining(types::add);
            assertEquals(Set.of("application/geo+json", "application/json"), types);
            content.forEach(media -> assertEquals("object", resolve(media.path("schema")).path("type").asText(),
                    () -> method + " " + content));
        }
    }

    @Test
    void ownershipRefusalsKeepTheirDescriptions() {
        JsonNode forbidden = paths().path(ITEM).path("delete").path("responses").path("403");
        assertEquals("The item " + CatalogOwnership.HOLDS_OTHER_OWNERS_FILE, forbidden.path("description").asText());
        assertEquals("The item " + CatalogOwnership.HOLDS_OTHER_OWNERS_FILE,
                forbidden.path("content").path("application/json").path("example").path("description").asText());
        assertTrue(paths().path("/api/stac/v1/collections/{collectionId}").path("put").path("responses").path("403")
                .path("description").asText().startsWith("Replacing: the collection "));
    }
}
