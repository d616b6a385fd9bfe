package io.geoingest.common.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Refuses a JWT whose {@code sub} is blank, or that leaves the caller without a name, as any other
 * invalid token: smallrye-jwt accepts an empty claim, and takes the caller's name (the owner of
 * what it uploads) from {@code upn}, {@code preferred_username} or {@code sub}, so such a token
 * was let in as the owner "", shared by every token that names no one.
 */
@ApplicationScoped
public class TokensNamingNoOne implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token && namesNoOne(token)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the token's subject or name is blank"));
        }
        return Uni.createFrom().item(identity);
    }

    private static boolean namesNoOne(JsonWebToken token) {
        String subject = token.getSubject();
        return subject != null && subject.isBlank() || token.getName() == null || token.getName().isBlank();
    }
}
