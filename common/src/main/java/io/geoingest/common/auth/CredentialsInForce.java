package io.geoingest.common.auth;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Whether the credentials a request was let in with still hold, for an answer that outlasts the
 * check made when it began: a status stream stays open as long as its file is at work, and a key
 * revoked meanwhile, or a token past its expiry, must not go on receiving it.
 */
@ApplicationScoped
public class CredentialsInForce {

    @Inject
    ApiKeyService apiKeys;

    /** The leeway the token's check gave its expiry when the request came in; the same holds here. */
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
    int clockSkewSeconds;

    /** A check of {@code identity}'s credentials, to run as often as the answer needs; it may read the database. */
    public BooleanSupplier of(SecurityIdentity identity) {
        String keyId = identity.getAttribute(ApiKeyIdentities.API_KEY_ID_ATTRIBUTE);
        if (keyId != null) {
            UUID id = UUID.fromString(keyId);
            return () -> apiKeys.inForce(id);
        }
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Instant expiry = Instant.ofEpochSecond(token.getExpirationTime()).plusSeconds(clockSkewSeconds);
            return () -> Instant.now().isBefore(expiry);
        }
        throw new IllegalStateException("a caller let in with neither an API key nor a token: " + identity.getPrincipal());
    }
}
