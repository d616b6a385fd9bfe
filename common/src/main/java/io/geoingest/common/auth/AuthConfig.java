package io.geoingest.common.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

@ConfigMapping(prefix = "geoingest.auth")
public interface AuthConfig {

    /**
     * A first admin key (files_admin + files_upload), created at start when given, so that a fresh
     * install can create the other keys. Pass it through the environment, never a committed file.
     */
    Optional<String> bootstrapAdminKey();

    /** The owner the bootstrap admin key is created for. */
    @WithDefault("admin")
    String bootstrapAdminOwner();

    /**
     * Whether the endpoints open to anyone ({@code @PermitAll}: the STAC catalog's reads and its
     * asset uploads' GETs, as the STAC upload contract asks credentials of POST and PUT only) take
     * requests without credentials. Off, they need valid credentials (no permission).
     */
    @WithDefault("true")
    boolean anonymousCatalogReads();
}
