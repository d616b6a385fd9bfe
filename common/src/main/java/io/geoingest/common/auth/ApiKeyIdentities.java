package io.geoingest.common.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

/** Turns a presented API key into a security identity whose roles are the key's permissions. */
@ApplicationScoped
public class ApiKeyIdentities {
    public static final String API_KEY_ID_ATTRIBUTE = "geoingest.api-key-id";

    @Inject
    ApiKeyService apiKeys;

    public Uni<SecurityIdentity> identify(String presentedKey, AuthenticationRequestContext context) {
        return context.runBlocking(() -> lookUp(presentedKey));
    }

    @ActivateRequestContext
    SecurityIdentity lookUp(String presentedKey) {
        ApiKey key = apiKeys.authenticate(presentedKey)
                .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked API key"));
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(key.owner))
                .addAttribute(API_KEY_ID_ATTRIBUTE, key.id.toString());
        key.permissionSet().forEach(permission -> identity.addRole(permission.value()));
        return identity.build();
    }
}
