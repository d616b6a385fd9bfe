package io.geoingest.common.api;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

@ConfigMapping(prefix = "geoingest.openapi")
public interface ApiDocumentConfig {

    /**
     * The name under which the service's OpenAPI document is published next to the other
     * services' ({@code /q/openapi/<name>}); services without a public API have none.
     */
    Optional<String> publishedAs();
}
