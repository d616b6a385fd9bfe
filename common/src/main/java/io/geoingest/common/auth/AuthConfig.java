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
}
