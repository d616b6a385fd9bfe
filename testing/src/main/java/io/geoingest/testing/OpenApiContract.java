package io.geoingest.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every service promises about its OpenAPI document: every JAX-RS endpoint of its resource
 * classes (found by reflection, so a new endpoint without documentation fails here) is in
 * /q/openapi with a summary, a description and its error responses in the API's body format, and
 * the three ways to authenticate are declared and required; the document is also served at
 * {@code /q/openapi/<name>}, where the one Swagger UI of the public API looks for it. Each service's test extends this under
 * {@code @QuarkusTest}.
 */
public abstract class OpenApiContract {
    private static final java.nio.file.Path CLASSES = java.nio.file.Path.of("target", "classes");

    record Endpoint(String method, String path, boolean openToAnyone) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private JsonNode document;

    @BeforeEach
    void fetch() throws IOException {
        document = json.readTree(given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void everyEndpointIsDocumentedWithASummaryADescriptionAndItsErrorsInTheApisFormat() {
        List<Endpoint> endpoints = endpointsInCode();
        assertFalse(endpoints.isEmpty(), "no resource classes found under " + CLASSES.toAbsolutePath());
        for (Endpoint endpoint : endpoints) {
            JsonNode operation = document.path("paths").path(endpoint.path()).path(endpoint.method());
            assertFalse(operation.isMissingNode(), () -> endpoint + " is not in the OpenAPI document");
            assertFalse(operation.path("summary").asText().isBlank(), () -> endpoint + " has no summary");
            assertFalse(operation.path("description").asText().isBlank(), () -> endpoint + " has no description");
            assertFalse(operation.path("tags").isEmpty(), () -> endpoint + " has no tag");
            String errorSchema = endpoint.path().startsWith("/api/stac") ? "StacError" : "ApiError";
            for (String status : List.of("401", "403", "500")) {
                assertEquals("#/components/schemas/" + errorSchema, operation.path("responses").path(status)
                                .path("content").path("application/json").path("schema").path("$ref").asText(),
                        () -> endpoint + " does not document " + status + " with the " + errorSchema + " body: "
                                + operation.path("responses"));
            }
            operation.path("responses").properties().forEach(response -> {
                if (response.getKey().startsWith("4")) {
                    assertFalse(response.getValue().path("content").path("application/json").path("example").isMissingNode(),
                            () -> endpoint + " " + response.getKey() + " has no example body");
                }
            });
        }
    }

    @Test
    void theDocumentIsAlsoServedUnderTheServicesNameForTheSharedSwaggerUi() throws IOException {
        String name = ConfigProvider.getConfig().getValue("geoingest.openapi.published-as", String.class);
        String published = given().get("/q/openapi/" + name)
                .then().statusCode(200).contentType(containsString("application/json")).extract().asString();
        assertEquals(document, json.readTree(published));
    }

    @Test
    void apiKeyBearerJwtAndBasicAreDeclaredAndEachIsEnough() {
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertEquals("apiKey", schemes.path("apiKey").path("type").asText());
        assertEquals("header", schemes.path("apiKey").path("in").asText());
        assertEquals("X-API-KEY", schemes.path("apiKey").path("name").asText());
        assertEquals("http", schemes.path("bearerJwt").path("type").asText());
        assertEquals("bearer", schemes.path("bearerJwt").path("scheme").asText());
        assertEquals("JWT", schemes.path("bearerJwt").path("bearerFormat").asText());
        assertEquals("http", schemes.path("basic").path("type").asText());
        assertEquals("basic", schemes.path("basic").path("scheme").asText());
        List<String> alternatives = new ArrayList<>();
        document.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(alternatives::add));
        assertEquals(List.of("apiKey", "bearerJwt", "basic"), alternatives);
    }

    /**
     * An operation's own requirement replaces the document's: Quarkus gave every operation with
     * {@code @RolesAllowed} one naming a scheme that was never declared ("SecurityScheme"), and
     * Swagger UI's Authorize sent no key, token or password with its calls.
     */
    @Test
    void operationsNameOnlyDeclaredSchemes() {
        JsonNode schemes = document.path("components").path("securitySchemes");
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                operation.getValue().path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(
                        scheme -> assertTrue(schemes.has(scheme), operation.getKey() + " " + path.getKey()
                                + " requires an undeclared scheme " + scheme)))));
    }

    /**
     * The document tells which endpoints take requests without credentials (an empty requirement
     * among the alternatives), and only those: the resources' annotations decide, not a rule.
     */
    @Test
    void exactlyTheEndpointsOpenToAnyoneMakeCredentialsOptional() {
        for (Endpoint endpoint : endpointsInCode()) {
            JsonNode security = document.path("paths").path(endpoint.path()).path(endpoint.method()).path("security");
            List<String> requirements = new ArrayList<>();
            security.forEach(requirement -> requirements.add(String.join("+", (Iterable<String>) requirement::fieldNames)));
            if (endpoint.openToAnyone()) {
                assertEquals(List.of("", "apiKey", "bearerJwt", "basic"), requirements, endpoint.toString());
            } else {
                assertTrue(security.isMissingNode() || !requirements.contains(""), endpoint + " " + requirements);
            }
        }
    }

    private List<Endpoint> endpointsInCode() {
        List<Endpoint> endpoints = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(CLASSES)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = CLASSES.relativize(file).toString().replace(".class", "").replace('/', '.');
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                Path classPath = type.getAnnotation(Path.class);
                if (classPath != null) {
                    for (Method method : type.getDeclaredMethods()) {
                        httpMethod(method).ifPresent(verb -> endpoints.add(new Endpoint(verb,
                                join(classPath.value(), method.getAnnotation(Path.class)), openToAnyone(method))));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return endpoints;
    }

    /** {@code @PermitAll} on the method, or on its class when the method has no security annotation of its own. */
    private static boolean openToAnyone(Method method) {
        List<Class<? extends Annotation>> security = List.of(PermitAll.class, RolesAllowed.class, Authenticated.class);
        boolean ownAnnotation = security.stream().anyMatch(method::isAnnotationPresent);
        return ownAnnotation ? method.isAnnotationPresent(PermitAll.class)
                : method.getDeclaringClass().isAnnotationPresent(PermitAll.class);
    }

    private static java.util.Optional<String> httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return java.util.Optional.of(verb.value().toLowerCase(Locale.ROOT));
            }
        }
        return java.util.Optional.empty();
    }

    private static String join(String classPath, Path methodPath) {
        String path = "/" + classPath + (methodPath == null ? "" : "/" + methodPath.value());
        path = path.replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
