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
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every service promises about its OpenAPI document: every JAX-RS endpoint of its resource
 * classes (found by reflection, so a new endpoint without documentation fails here) is in
 * /q/openapi with a summary, a description, an operationId of its own and its error responses in
 * the API's body format, the JSON it takes and answers is documented as what it is, and the three
 * ways to authenticate are declared and required; the document is also served at
 * {@code /q/openapi/<name>}, where the one Swagger UI of the public API looks for it. Each service's test extends this under
 * {@code @QuarkusTest}.
 */
public abstract class OpenApiContract {
    private static final java.nio.file.Path CLASSES = java.nio.file.Path.of("target", "classes");
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    record Endpoint(String method, String path, boolean openToAnyone, Method java) {
        /** A read open to anyone needs no permission: its credentials are valid (and enough) or a 401. */
        boolean mayBeForbidden() {
            return !(openToAnyone && (method.equals("get") || method.equals("head")));
        }
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
            List<String> errors = new ArrayList<>(List.of("401", "500"));
            if (endpoint.mayBeForbidden()) {
                errors.add("403");
            } else {
                assertTrue(operation.path("responses").path("403").isMissingNode(),
                        () -> endpoint + " is open to anyone, yet documents 403");
            }
            if (consumes(endpoint.java()).contains(MediaType.APPLICATION_JSON)) {
                errors.add("415");
            }
            for (String status : errors) {
                assertEquals("#/components/schemas/" + errorSchema, operation.path("responses").path(status)
                                .path("content").path("application/json").path("schema").path("$ref").asText(),
                        () -> endpoint + " does not document " + status + " with the " + errorSchema + " body: "
                                + operation.path("responses"));
            }
            operation.path("responses").properties().forEach(response -> {
                JsonNode body = response.getValue().path("content").path("application/json");
                if (response.getKey().startsWith("4")) {
                    assertTrue(body.has("example") || body.has("examples"),
                            () -> endpoint + " " + response.getKey() + " has no example body");
                }
                if (response.getKey().equals("503")) {
                    assertEquals("integer", response.getValue().path("headers").path(HttpHeaders.RETRY_AFTER)
                            .path("schema").path("type").asText(), () -> endpoint + " 503 does not name Retry-After");
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

    /**
     * The services read and write JSON objects as Jackson's nodes, which the scanner took for beans
     * (an object of isXxx() flags) or, for an ObjectNode, for an Iterable (an array): generated
     * clients sent arrays and got 400. A node an endpoint takes or answers is a JSON object; one in
     * a record it takes or answers is never an array, nor Jackson's class.
     */
    @Test
    void jsonNodesAreDocumentedAsWhatTheyHold() {
        for (Endpoint endpoint : endpointsInCode()) {
            JsonNode operation = document.path("paths").path(endpoint.path()).path(endpoint.method());
            String where = endpoint.method() + " " + endpoint.path();
            bodyType(endpoint.java()).ifPresent(body -> operation.path("requestBody").path("content").properties().forEach(
                    media -> holds(body, media.getValue().path("schema"), where + " body " + media.getKey())));
            Type answer = endpoint.java().getGenericReturnType();
            operation.path("responses").properties().forEach(response -> {
                if (response.getKey().startsWith("2")) {
                    response.getValue().path("content").properties().forEach(media -> holds(answer,
                            media.getValue().path("schema"), where + " " + response.getKey() + " " + media.getKey()));
                }
            });
        }
    }

    private void holds(Type type, JsonNode schema, String where) {
        Class<?> raw = raw(type);
        JsonNode resolved = resolve(schema);
        if (JsonNode.class.isAssignableFrom(raw)) {
            assertTrue(isObject(resolved), () -> where + " holds a JSON object, documented as " + resolved);
            assertTrue(resolved.path("properties").isMissingNode(), () -> where + " documents Jackson's " + raw + ": " + resolved);
        } else if (raw.isRecord()) {
            for (RecordComponent component : raw.getRecordComponents()) {
                JsonNode property = resolved.path("properties").path(component.getName());
                if (!property.isMissingNode()) {
                    fieldHolds(component.getGenericType(), property, where + " ." + component.getName());
                }
            }
        }
    }

    /** A node in a record may be documented as the value it holds (a string, a number), never as an array or Jackson's class. */
    private void fieldHolds(Type type, JsonNode schema, String where) {
        Class<?> raw = raw(type);
        JsonNode resolved = resolve(schema);
        if (JsonNode.class.isAssignableFrom(raw)) {
            assertFalse(resolved.path("type").asText().equals("array"), () -> where + " is documented as an array: " + resolved);
            assertTrue(resolved.path("properties").isMissingNode(), () -> where + " documents Jackson's " + raw + ": " + resolved);
        } else if (raw.isRecord()) {
            holds(type, schema, where);
        } else if (Collection.class.isAssignableFrom(raw) && type instanceof ParameterizedType list) {
            fieldHolds(list.getActualTypeArguments()[0], resolved.path("items"), where + "[]");
        }
    }

    /** The document's paths, for a service's own checks. */
    protected JsonNode paths() {
        return document.path("paths");
    }

    /** The document's named schemas, for a service's own checks. */
    protected JsonNode schemas() {
        return document.path("components").path("schemas");
    }

    /** {@code schema}, or the named schema it refers to, followed through references. */
    protected JsonNode resolve(JsonNode schema) {
        JsonNode resolved = schema;
        while (resolved.has("$ref")) {
            resolved = schemas().path(resolved.path("$ref").asText().replace("#/components/schemas/", ""));
        }
        return resolved;
    }

    private static boolean isObject(JsonNode schema) {
        return schema.path("type").asText().equals("object");
    }

    private static Class<?> raw(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return type instanceof Class<?> plain ? plain : Object.class;
    }

    /** The parameter JAX-RS reads the body into: the one that none of its annotations binds to something else. */
    private static java.util.Optional<Type> bodyType(Method method) {
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            boolean bound = Stream.of(parameters[i].getAnnotations()).map(a -> a.annotationType().getPackageName())
                    .anyMatch(name -> name.startsWith("jakarta.ws.rs") || name.startsWith("org.jboss.resteasy.reactive"));
            if (!bound) {
                return java.util.Optional.of(method.getGenericParameterTypes()[i]);
            }
        }
        return java.util.Optional.empty();
    }

    private static List<String> consumes(Method method) {
        Consumes consumes = method.isAnnotationPresent(Consumes.class) ? method.getAnnotation(Consumes.class)
                : method.getDeclaringClass().getAnnotation(Consumes.class);
        return consumes == null ? List.of() : List.of(consumes.value());
    }

    /**
     * Client generators name their methods by operationId, and make one up from the path and the
     * method without one (or number repeats): every operation names its own, none named twice.
     */
    @Test
    void everyOperationHasAnOperationIdOfItsOwn() {
        Set<String> ids = new HashSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (operation.getValue().isObject() && HTTP_METHODS.contains(operation.getKey())) {
                String id = operation.getValue().path("operationId").asText();
                assertFalse(id.isBlank(), () -> operation.getKey() + " " + path.getKey() + " has no operationId");
                assertTrue(ids.add(id), () -> "operationId " + id + " is given twice");
            }
        }));
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
                                join(classPath.value(), method.getAnnotation(Path.class)), openToAnyone(method), method)));
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
