package io.geoingest.local;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Swagger UI for the whole public API at {@code /q/swagger-ui}: the UI's files come from SmallRye's
 * UI jar, and it lists the services' OpenAPI documents, which the gateway fetches from each service
 * ({@code /q/openapi/upload}, {@code /q/openapi/status}). The services serve no UI of their own.
 */
final class GatewayApiDocs {
    static final String UI = "/q/swagger-ui";
    static final String DOCUMENTS = "/q/openapi/";
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9]+)+");
    /** The services with a public API, by the name in their document's path. */
    private static final Map<String, Service> DOCUMENTED = Map.of("upload", Service.UPLOAD, "status", Service.STATUS);
    private static final Map<String, String> MEDIA_TYPES = Map.of(
            "js", "text/javascript", "css", "text/css", "html", "text/html; charset=utf-8", "png", "image/png",
            "ico", "image/x-icon", "map", "application/json");

    private final SwaggerUiFiles uiFiles = new SwaggerUiFiles(GatewayApiDocs.class.getClassLoader());
    private final Map<Service, HttpClient> clients;
    private final Map<Service, Integer> servicePorts;

    GatewayApiDocs(Map<Service, HttpClient> clients, Map<Service, Integer> servicePorts) {
        this.clients = clients;
        this.servicePorts = servicePorts;
    }

    /** @return whether the request was for the API documentation, and is answered */
    boolean handle(HttpServerRequest request) {
        String path = request.path();
        if (path.equals(UI) || path.equals(UI + "/")) {
            respond(request, 200, MEDIA_TYPES.get("html"), Buffer.buffer(indexPage()));
        } else if (path.startsWith(UI + "/")) {
            serveUiFile(request, path.substring(UI.length() + 1));
        } else if (path.startsWith(DOCUMENTS)) {
            proxyDocument(request, path.substring(DOCUMENTS.length()));
        } else {
            return false;
        }
        return true;
    }

    private static String indexPage() {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>GeoIngest API</title>
                  <link rel="stylesheet" href="/q/swagger-ui/swagger-ui.css">
                  <link rel="icon" href="/q/swagger-ui/favicon.ico">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="/q/swagger-ui/swagger-ui-bundle.js"></script>
                  <script src="/q/swagger-ui/swagger-ui-standalone-preset.js"></script>
                  <script>
                    window.ui = SwaggerUIBundle({
                      urls: [
                        {url: "/q/openapi/upload", name: "upload-service: uploads, API keys, STAC asset uploads"},
                        {url: "/q/openapi/status", name: "status-service: status, downloads, STAC catalog"}
                      ],
                      dom_id: "#swagger-ui",
                      deepLinking: true,
                      persistAuthorization: true,
                      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                      layout: "StandaloneLayout"
                    });
                  </script>
                </body>
                </html>
                """;
    }

    private void serveUiFile(HttpServerRequest request, String name) {
        Optional<Buffer> content = FILE_NAME.matcher(name).matches() ? uiFiles.file(name) : Optional.empty();
        if (content.isEmpty()) {
            respond(request, 404, "application/json", Buffer.buffer("{\"error\": \"Not Found\"}"));
            return;
        }
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        respond(request, 200, MEDIA_TYPES.getOrDefault(extension, "application/octet-stream"), content.get());
    }

    private void proxyDocument(HttpServerRequest request, String serviceName) {
        Service service = DOCUMENTED.get(serviceName);
        if (service == null) {
            respond(request, 404, "application/json", Buffer.buffer("{\"error\": \"Not Found\"}"));
            return;
        }
        clients.get(service).request(HttpMethod.GET, servicePorts.get(service), "127.0.0.1", "/q/openapi?format=json")
                .compose(outgoing -> outgoing.send())
                .compose(response -> response.statusCode() == 200
                        ? response.body()
                        : Future.failedFuture(service.moduleName() + " answered " + response.statusCode()))
                .onSuccess(document -> respond(request, 200, "application/json", document))
                .onFailure(failure -> respond(request, 502, "application/json",
                        Buffer.buffer("{\"error\": \"" + service.moduleName() + " did not give its OpenAPI document\"}")));
    }

    private static void respond(HttpServerRequest request, int status, String mediaType, Buffer body) {
        request.response().setStatusCode(status).putHeader("Content-Type", mediaType).end(body);
    }
}
