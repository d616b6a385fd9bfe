package io.geoingest.common.api;

import io.geoingest.common.error.ErrorResponses;
import io.geoingest.common.stac.StacPaths;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What every service's OpenAPI document ({@code /q/openapi}) shares, added once the document is
 * generated from the code (at build time):
 * <ul>
 * <li>the three ways to authenticate, any one of which every endpoint accepts: three alternative
 * security requirements, not one requirement naming three schemes; the STAC API's reads, open to
 * anyone, add an empty one;</li>
 * <li>the tags that group the endpoints;</li>
 * <li>error responses in the body format of the API each path belongs to (as {@link ErrorResponses}
 * answers them): {@code {"error"}} for the file API, {@code {"code", "description"}} for STAC. Every
 * operation gets 401, 403 (but the reads open to anyone) and 500, and 415 when it takes a JSON body;
 * an error response an endpoint declares with a description only gets the body schema and an
 * example carrying that description. So resources declare which errors they answer, and why,
 * without repeating the body format.</li>
 * </ul>
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiDocumentation implements OASFilter {
    public static final String API_KEY = "apiKey";
    public static final String BEARER = "bearerJwt";
    public static final String BASIC = "basic";

    public static final String FILES = "files";
    public static final String API_KEYS = "api-keys";
    public static final String STAC = "stac";

    static final String GIQ_ERROR = "ApiError";
    /** The STAC error body's schema, for a resource that documents an error body of its own (several examples). */
    public static final String STAC_ERROR = "StacError";
    private static final String JSON = "application/json";

    /** Every operation's errors, with the messages the services answer (AuthErrorMapper, ErrorMapper). */
    private static final Map<String, String> COMMON_ERRORS = Map.of(
            "401", "Unauthorized Request",
            "403", "Permission Denied",
            "500", "Internal Server Error");
    private static final Map<String, String> COMMON_STAC_ERRORS = Map.of(
            "401", "Authentication required: send X-API-KEY, a Bearer token or HTTP Basic with an API key",
            "403", "Permission denied: files_admin or files_upload is required",
            "500", "Internal Server Error");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        securitySchemes(components);
        for (String scheme : List.of(API_KEY, BEARER, BASIC)) {
            openAPI.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(scheme));
        }
        openAPI.addTag(OASFactory.createTag().name(FILES).description("The file API: upload, status, download"))
                .addTag(OASFactory.createTag().name(API_KEYS).description("API keys (files_admin only)"))
                .addTag(OASFactory.createTag().name(STAC).description("The STAC API: catalog, search and asset uploads"));
        errorSchemas(components);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            documentErrors(path, method, operation);
            if (openToAnyone(path, method)) {
                operation.setSecurity(anyoneOrTheThreeSchemes());
            }
        }));
    }

    /**
     * The reads of the STAC API, which its resources open to anyone ({@code @PermitAll}; the
     * contract asks credentials of POST and PUT only, and searching is reading): OpenApiContract
     * holds this rule to the resources' annotations.
     */
    private static boolean openToAnyone(String path, PathItem.HttpMethod method) {
        return StacPaths.isStacPath(path) && (method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.HEAD
                || method == PathItem.HttpMethod.POST && path.equals(StacPaths.BASE_PATH + "/search"));
    }

    /** No credentials, or any one of the three ways to authenticate: an empty requirement makes them optional. */
    private static List<SecurityRequirement> anyoneOrTheThreeSchemes() {
        List<SecurityRequirement> requirements = new ArrayList<>(List.of(OASFactory.createSecurityRequirement()));
        for (String scheme : List.of(API_KEY, BEARER, BASIC)) {
            requirements.add(OASFactory.createSecurityRequirement().addScheme(scheme));
        }
        return requirements;
    }

    private static void securitySchemes(Components components) {
        components.addSecurityScheme(API_KEY, OASFactory.createSecurityScheme()
                        .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-KEY")
                        .description("An API key (giq_...) created by an admin at /public/auth/api-keys"))
                .addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("A JWT signed with the key the services verify: `sub` is the owner, `groups`"
                                + " the permissions (files_admin, files_upload)"))
                .addSecurityScheme(BASIC, OASFactory.createSecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("HTTP Basic with any user name and an API key as the password"));
    }

    private static void errorSchemas(Components components) {
        components.addSchema(GIQ_ERROR, OASFactory.createSchema()
                        .description("The file API's error body")
                        .addType(Schema.SchemaType.OBJECT)
                        .addProperty("error", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                        .addRequired("error"))
                .addSchema(STAC_ERROR, OASFactory.createSchema()
                        .description("The STAC API's error body")
                        .addType(Schema.SchemaType.OBJECT)
                        .addProperty("code", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                                .description("the HTTP status"))
                        .addProperty("description", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                        .addProperty("upload_id", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                                .description("the upload concerned, for asset-upload conflicts"))
                        .addRequired("code").addRequired("description"));
    }

    /**
     * Responses are replaced, never changed in place: the generator shares one response object
     * between operations (its own 401 and 403), and the body depends on each operation's path.
     */
    private static void documentErrors(String path, PathItem.HttpMethod method, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        Map<String, APIResponse> declared = new TreeMap<>(responses.getAPIResponses() == null
                ? Map.of() : responses.getAPIResponses());
        // A resource that declares an error says why it answers it (the spec's own 500 messages, the
        // 403 of a document another owner's file is in): only the body is added, as for other codes.
        declared.forEach((code, response) -> {
            if ((code.startsWith("4") || code.startsWith("5")) && !hasBody(response)) {
                String description = response.getDescription();
                responses.addAPIResponse(code, errorResponse(path, code, description == null || description.isBlank()
                        ? commonErrors(path, method).getOrDefault(code, "") : description));
            }
        });
        commonErrors(path, method).forEach((code, message) -> {
            if (!declared.containsKey(code)) {
                responses.addAPIResponse(code, errorResponse(path, code, message));
            }
        });
        List<String> bodyTypes = bodyTypes(operation);
        if (bodyTypes.contains(JSON) && !declared.containsKey("415")) {
            responses.addAPIResponse("415", errorResponse(path, "415", "Unsupported Media Type: the body must be sent as "
                    + String.join(" or ", bodyTypes)));
        }
    }

    /**
     * 401 and 500 may answer any request, 403 any but a read open to anyone: its caller needs no
     * permission, and its credentials are either valid (and enough) or a 401.
     */
    private static Map<String, String> commonErrors(String path, PathItem.HttpMethod method) {
        Map<String, String> errors = new TreeMap<>(StacPaths.isStacPath(path) ? COMMON_STAC_ERRORS : COMMON_ERRORS);
        if (openToAnyone(path, method) && (method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.HEAD)) {
            errors.remove("403");
        }
        return errors;
    }

    /**
     * The media types of the request body: Quarkus REST refuses a body of any other type with 415
     * where the resource names them with {@code @Consumes(JSON)}. Endpoints taking a file name
     * multipart/form-data, and answer another type 400 (file is required).
     */
    private static List<String> bodyTypes(Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null
                || operation.getRequestBody().getContent().getMediaTypes() == null) {
            return List.of();
        }
        return List.copyOf(operation.getRequestBody().getContent().getMediaTypes().keySet());
    }

    private static boolean hasBody(APIResponse response) {
        return response.getContent() != null && response.getContent().getMediaTypes() != null
                && !response.getContent().getMediaTypes().isEmpty();
    }

    private static APIResponse errorResponse(String path, String code, String message) {
        boolean stac = StacPaths.isStacPath(path);
        MediaType json = OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(stac ? STAC_ERROR : GIQ_ERROR))
                .example(stac ? Map.of("code", Integer.parseInt(code), "description", message) : Map.of("error", message));
        APIResponse response = OASFactory.createAPIResponse().description(message)
                .content(OASFactory.createContent().addMediaType(JSON, json));
        // the file API's 503s are its refusals when busy, which name the seconds to wait (ErrorMapper)
        if (!stac && code.equals("503")) {
            response.addHeader("Retry-After", OASFactory.createHeader()
                    .description("How many seconds to wait before trying again")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(BigDecimal.ONE)));
        }
        return response;
    }
}
