package io.geoingest.common.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

@ConfigMapping(prefix = "geoingest.storage")
public interface StorageConfig {

    /** The one bucket every file lives in. */
    @WithDefault("geoingest")
    String bucket();

    /**
     * The storage endpoint as clients reach it, for presigned URLs. When absent the internal
     * endpoint ({@code quarkus.s3.endpoint-override}) is used.
     */
    Optional<URI> publicEndpoint();
}
