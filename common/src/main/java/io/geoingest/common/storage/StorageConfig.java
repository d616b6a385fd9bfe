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

    /**
     * Whether bodies sent to storage over plain HTTP carry their SHA-256 in the signature. The AWS SDK
     * does it by default over HTTP (never over HTTPS), which costs us and the storage a hash of every
     * byte; off, they are signed as over HTTPS and sent without a checksum, as a client's own PUT
     * would be (the worker hashes every stored byte). Turn it on when the storage is reached over an
     * untrusted network without TLS.
     */
    @WithDefault("false")
    boolean signPayloadOverHttp();
}
