package io.geoingest.status.stac;

import static io.geoingest.status.stac.StacFixtures.BASE;
import static io.geoingest.status.stac.StacFixtures.COLLECTION;
import static io.geoingest.status.stac.StacFixtures.as;
import static io.geoingest.status.stac.StacFixtures.collection;
import static io.geoingest.status.stac.StacFixtures.uniqueId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.auth.Permission;
import io.geoingest.testing.RawHttp;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class StacLandingTest {
    private static final String CORE = "https://api.stacspec.org/v1.0.0/core";
    private static final String ITEM_SEARCH = "https://api.stacspec.org/v1.0.0/item-search";

    /** A caller with no permission at all may still read the catalog. */
    private final String readerKey = TestApiKeys.create("reader-" + UUID.randomUUID());
    private final String writerKey = TestApiKeys.uploader("writer-" + UUID.randomUUID());

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

    /** What the catalog shows depends on the caller's key, which a shared cache does not see. */
    @Test
    void onlyTheCallersOwnCacheMayKeepACatalogDocument() {
        as(readerKey).when().get(BASE + "/collections").then()
                .statusCode(200)
                .header("Cache-Control", "private");
    }

    /** pystac-client refuses to send {@code sortby}, {@code fields} or {@code query} to an API that does not declare their extension. */
    @Test
    void conformanceDeclaresStacCoreItemSearchItsSortFieldsAndQuery() {
        as(readerKey).when().get(BASE + "/conformance").then()
                .statusCode(200)
                .body("conformsTo", hasItems(CORE, ITEM_SEARCH, ITEM_SEARCH + "#sort", ITEM_SEARCH + "#fields",
                        "https://api.stacspec.org/v1.0.0-rc.1/item-search#query",
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
    void linksAreMadeOnlyFromAnHttpSchemeAndAValidHost() {
        as(readerKey).header("X-Forwarded-Host", "[::1]:8443").header("X-Forwarded-Proto", "HTTPS")
                .when().get(BASE + "/collections?limit=1").then()
                .statusCode(200)
                .body("links.find { it.rel == 'self' }.href", equalTo("https://[::1]:8443/api/stac/v1/collections?limit=1"));

        as(readerKey).header("X-Forwarded-Proto", "javascript").when().get(BASE).then()
                .statusCode(400).body("code", equalTo(400)).body("description", containsString("http or https"));
        as(readerKey).header("X-Forwarded-Host", "ü.example").when().get(BASE).then()
                .statusCode(400).body("code", equalTo(400)).body("description", containsString("host"));
        String refused = uniqueId("refused");
        as(writerKey).header("X-Forwarded-Proto", "javascript").contentType("application/json")
                .body(collection(refused).toString()).when().put(COLLECTION, refused).then().statusCode(400);
        as(readerKey).when().get(COLLECTION, refused).then().statusCode(404);
        for (String host : new String[] {"Host: \r\n", "Host: a b\r\n", ""}) {
            String response = rawGet(BASE + "/collections", host);
            assertTrue(response.startsWith("HTTP/1.1 400 "), host + " answered " + response);
            assertTrue(response.contains("\"description\":\"The request's host"), response);
        }
    }

    /** Sent as raw HTTP: clients refuse to send an empty or malformed Host header. */
    private String rawGet(String path, String hostHeader) {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\n" + hostHeader + "X-API-KEY: " + readerKey
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void bearerTokensAndBasicAuthWithAnApiKeyAreAccepted() {
        given().auth().oauth2(TestTokens.bearer("reader-" + UUID.randomUUID(), Permission.UPLOAD))
                .when().get(BASE).then().statusCode(200);
        given().auth().preemptive().basic("anyone", readerKey)
                .when().get(BASE).then().statusCode(200);
    }

    /** The STAC upload contract asks credentials of POST and PUT only: the catalog is read without. */
    @Test
    void theCatalogIsReadWithoutCredentialsAndWrittenOnlyWithThem() {
        given().when().get(BASE).then().statusCode(200).body("type", equalTo("Catalog"));
        given().when().get(BASE + "/conformance").then().statusCode(200).body("conformsTo", notNullValue());
        given().contentType("application/json").body("{\"id\": \"anonymous\"}").when().put(BASE + "/collections/anonymous").then()
                .statusCode(401)
                .contentType("application/json")
                .body("code", equalTo(401))
                .body("description", startsWith("Authentication required"));
    }

    /**
     * Spellings of its paths that the HTTP layer routes to the STAC API (a dot segment, an escaped
     * unreserved character) were answered in the file API's format. Sent raw: clients normalize them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/api/./stac/v1/conformance", "/api/stac/%761/conformance", "/api/x/../stac/v1/conformance"})
    void refusedCredentialsAreUnauthorizedInStacFormatHoweverThePathIsSpelt(String path) throws IOException {
        String response = RawHttp.get(RestAssured.port, path, "Host: localhost\r\nX-API-KEY: giq_not-a-key\r\n");

        assertTrue(response.startsWith("HTTP/1.1 401 "), response);
        JsonPath error = new JsonPath(RawHttp.body(response));
        assertEquals(Integer.valueOf(401), error.get("code"), response);
        assertTrue(error.getString("description").startsWith("The X-API-KEY sent is not a valid key"), response);
    }

    /**
     * Credentials sent with a read are checked though the read needs none: sent with matrix
     * parameters in the path (which Quarkus REST leaves out) a mistyped key was not checked, and
     * credentials of a kind no mechanism takes were read as none, showing their sender the catalog
     * of a stranger without a word.
     */
    @Test
    void credentialsSentWithAReadAreCheckedHoweverThePathIsSpeltOrWhateverTheirKind() throws IOException {
        String refused = RawHttp.get(RestAssured.port, BASE + "/collections;x", "Host: localhost\r\nX-API-KEY: giq_not-a-key\r\n");
        assertTrue(refused.startsWith("HTTP/1.1 401 "), refused);
        for (String authorization : List.of("Digest username=\"x\"", "Bearer", "Basic")) {
            given().header("Authorization", authorization).when().get(BASE + "/collections").then()
                    .statusCode(401).body("code", equalTo(401));
        }
        given().when().get(BASE + "/collections").then().statusCode(200);
    }

    @Test
    void refusedCredentialsAreNamedRatherThanAskedFor() {
        given().header("X-API-KEY", "not-a-key").when().get(BASE).then()
                .statusCode(401).body("description", startsWith("The X-API-KEY sent is not a valid key"));
        given().auth().oauth2("not.a.token").when().get(BASE).then()
                .statusCode(401).body("description", startsWith("The Bearer token sent was not accepted"));
        given().auth().preemptive().basic("anyone", "not-a-key").when().get(BASE).then()
                .statusCode(401).body("description", startsWith("The HTTP Basic password sent is not a valid API key"));
    }

    /** A token whose subject is blank was let in, as the owner "" when it had no upn. */
    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void aTokenWithABlankSubjectIsUnauthorizedInStacFormat(String subject) {
        given().auth().oauth2(TestTokens.naming(subject, null, Permission.UPLOAD)).when().get(BASE).then()
                .statusCode(401)
                .contentType("application/json")
                .body("code", equalTo(401))
                .body("description", startsWith("The Bearer token sent was not accepted"));
    }

    /** Some of these were 404 Not Found: Quarkus REST routes them through two resource classes. */
    @ParameterizedTest
    @CsvSource({
            "PUT, /collections/c/items, 'GET, HEAD, OPTIONS, POST'",
            "DELETE, /collections/c/items, 'GET, HEAD, OPTIONS, POST'",
            "PATCH, /collections/c/items/i, 'DELETE, GET, HEAD, OPTIONS, PUT'",
            "POST, /collections/c/items/i/assets, 'GET, HEAD, OPTIONS'",
            "POST, /collections/c/items/i/assets/a, 'DELETE, GET, HEAD, OPTIONS, PUT'",
            "POST, /collections/c/items/i/assets/a/download, 'GET, HEAD, OPTIONS'",
            "POST, /collections, 'GET, HEAD, OPTIONS'",
            "POST, /collections/c, 'DELETE, GET, HEAD, OPTIONS, PUT'",
            "PUT, /search, 'GET, HEAD, OPTIONS, POST'",
            "POST, /conformance, 'GET, HEAD, OPTIONS'"})
    void aMethodAPathDoesNotTakeIsNotAllowedInStacFormat(String method, String path, String allowed) {
        as(readerKey).contentType("application/json").body("{}").when().request(method, BASE + path).then()
                .statusCode(405)
                .header("Allow", allowed)
                .body("code", equalTo(405))
                .body("description", containsString(allowed));
    }

    /** Quarkus REST answered HEAD, DELETE, GET, OPTIONS, PUT: the methods of /collections/{id} too. */
    @Test
    void optionsNamesTheMethodsThePathTakes() {
        given().when().options(BASE + "/collections").then()
                .statusCode(200)
                .header("Allow", "GET, HEAD, OPTIONS");
    }

    @Test
    void unknownPathIsNotFoundInStacFormat() {
        as(readerKey).when().get(BASE + "/nothing-here").then()
                .statusCode(404)
                .body("code", equalTo(404))
                .body("description", notNullValue());
        as(readerKey).when().post(BASE + "/collections/c/items/i/nothing-here").then()
                .statusCode(404)
                .body("code", equalTo(404));
    }

    /** Every path that began with /api/stac was answered in the STAC format. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/stacks", "/api/stac/v10/collections"})
    void aPathThatOnlyBeginsLikeTheStacApiIsNotFoundInTheFileApiFormat(String path) {
        as(readerKey).when().get(path).then()
                .statusCode(404)
                .body("$", aMapWithSize(1))
                .body("error", equalTo("Not Found"));
    }
}
