package io.geoingest.common.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Serves the service's OpenAPI document, as JSON, also at {@code /q/openapi/<name>}. One Swagger UI
 * lists the documents of all services under those paths: the local gateway's, and in Kubernetes the
 * status-service's, where the Ingress sends each path to the service that owns the document.
 */
@ApplicationScoped
public class PublishedApiDocument {
    static final String DOCUMENTS = "/q/openapi";

    /** Where the document published under {@code name} is served, on the service and through the gateway or Ingress. */
    public static String path(String name) {
        return DOCUMENTS + "/" + name;
    }

    void install(@Observes Router router, ApiDocumentConfig config) {
        config.publishedAs().ifPresent(name -> router.get(path(name)).handler(context -> {
            context.request().headers().set(HttpHeaders.ACCEPT, "application/json");
            context.reroute(DOCUMENTS);
        }));
    }
}
