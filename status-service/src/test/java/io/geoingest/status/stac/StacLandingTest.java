package io.geoingest.status.stac;

import static io.geoingest.status.stac.StacFixtures.BASE;
import static io.geoingest.status.stac.StacFixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.auth.Permission;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class StacLandingTest {
    private static final String CORE = "https://api.stacspec.org/v1.0.0/core";
    private static final String ITEM_SEARCH = "https://api.stacspec.org/v1.0.0/item-search";

    /** A caller with no permission at all may still read the catalog. */
    private final String readerKey = TestApiKeys.create("reader-" + UUID.randomUUID());

    @ParameterizedTest
    @ValueSource(strings = {BASE, BASE + "/"})
    void landingPageLinksToEverythingAndEveryLinkWorks(String path) {
        JsonPath landing = as(readerKey).when().get(path).then()
                .statusCode(200)
                .body("type", equalTo("Catalog"))
                .body("stac_version", equalTo("1.0.0"))
                .body("id", notNullValue())
                .body("description", notNullValue())
                .body("conformsTo", hasItems(CORE, ITEM_SEARCH))
                .body("links.rel", hasItems("self", "root", "conformance", "data", "search"))
                .extract().jsonPath();

        assertEquals(landing.getString("links.find { it.rel == 'self' }.href"),
                landing.getString("links.find { it.rel == 'root' }.href"));
        for (String rel : new String[] {"self", "conformance", "data", "search"}) {
            String href = landing.getString("links.find { it.rel == '" + rel + "' }.href");
            as(readerKey).when().get(href).then().statusCode(200);
        }
    }

    /** STAC API Core: the landing page links to the API's description (service-desc), and to its docs. */
    @Test
    void landingPageLinksToTheOpenApiDescriptionAndItsDocumentation() {
        JsonPath landing = as(readerKey).when().get(BASE).then().statusCode(200).extract().jsonPath();
        String type = landing.getString("links.find { it.rel == 'service-desc' }.type");
        String description = landing.getString("links.find { it.rel == 'service-desc' }.href");
        String documentation = landing.getString("links.find { it.rel == 'service-doc' }.href");

        assertTrue(description.startsWith("http://"), description);
        JsonPath openApi = given().when().get(description).then()
                .statusCode(200).contentType(containsString("json")).extract().jsonPath();
        assertTrue(openApi.getMap("paths").containsKey("/api/stac/v1/search"), "the document describes the STAC API");
        String version = openApi.getString("openapi");
        assertEquals("application/vnd.oai.openapi+json;version=" + version.substring(0, version.lastIndexOf('.')), type);
        given().when().get(documentation).then().statusCode(200).contentType(containsString("text/html"));
    }

    @Test
    void conformanceDeclaresStacCoreAndItemSearch() {
        as(readerKey).when().get(BASE + "/conformance").then()
                .statusCode(200)
                .body("conformsTo", hasItems(CORE, ITEM_SEARCH,
                        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"));
    }

    @Test
    void linksCarryTheHostAndSchemeTheProxyForwards() {
        as(readerKey).header("X-Forwarded-Host", "catalog.example.org").header("X-Forwarded-Proto", "https")
                .when().get(BASE).then()
                .statusCode(200)
                .body("links.find { it.rel == 'data' }.href", equalTo("https://catalog.example.org/api/stac/v1/collections"))
                .body("links.find { it.rel == 'service-desc' }.href", equalTo("https://catalog.example.org/q/openapi/status"));
    }

    @Test
    void bearerTokensAndBasicAuthWithAnApiKeyAreAccepted() {
        given().auth().oauth2(TestTokens.bearer("reader-" + UUID.randomUUID(), Permission.UPLOAD))
                .when().get(BASE).then().statusCode(200);
        given().auth().preemptive().basic("anyone", readerKey)
                .when().get(BASE).then().statusCode(200);
    }

    @Test
    void missingCredentialsAreUnauthorizedInStacFormat() {
        given().when().get(BASE + "/conformance").then()
                .statusCode(401)
                .contentType("application/json")
                .body("code", equalTo(401))
                .body("description", notNullValue());
    }

    @Test
    void unknownPathIsNotFoundInStacFormat() {
        as(readerKey).when().get(BASE + "/nothing-here").then()
                .statusCode(404)
                .body("code", equalTo(404))
                .body("description", notNullValue());
    }
}
