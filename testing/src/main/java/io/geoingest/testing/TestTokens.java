package io.geoingest.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** JWTs for tests, signed by a key pair made for this JVM; services are configured to trust it. */
public final class TestTokens {
    public static final String ISSUER = "https://geoingest.test/issuer";
    /** The audience the services accept unless configured otherwise ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "geoingest";
    private static final KeyPair TRUSTED = newKeyPair();
    private static final KeyPair STRANGER = newKeyPair();

    private TestTokens() {
    }

    public static String bearer(String owner, String... permissions) {
        return sign(TRUSTED, owner, owner, Instant.now().plus(Duration.ofMinutes(10)), Optional.of(AUDIENCE), permissions);
    }

    /** A token as {@link #bearer} makes, for {@code audience} instead of ours, or for no audience when it is empty. */
    public static String forAudience(Optional<String> audience, String owner, String... permissions) {
        return sign(TRUSTED, owner, owner, Instant.now().plus(Duration.ofMinutes(10)), audience, permissions);
    }

    /**
     * A valid token whose {@code sub} claim is {@code subject} and whose {@code upn} is {@code upn},
     * or that has none when it is null (as many identity providers issue them: the caller's name
     * is then the subject).
     */
    public static String naming(String subject, String upn, String... permissions) {
        return sign(TRUSTED, subject, upn, Instant.now().plus(Duration.ofMinutes(10)), Optional.of(AUDIENCE), permissions);
    }

    /** A valid token that expires {@code validity} from now. */
    public static String expiringIn(Duration validity, String owner, String... permissions) {
        return sign(TRUSTED, owner, owner, Instant.now().plus(validity), Optional.of(AUDIENCE), permissions);
    }

    public static String expired(String owner, String... permissions) {
        return sign(TRUSTED, owner, owner, Instant.now().minus(Duration.ofMinutes(10)), Optional.of(AUDIENCE), permissions);
    }

    public static String signedByStranger(String owner, String... permissions) {
        return sign(STRANGER, owner, owner, Instant.now().plus(Duration.ofMinutes(10)), Optional.of(AUDIENCE), permissions);
    }

    private static String sign(KeyPair keys, String subject, String upn, Instant expiresAt, Optional<String> audience,
            String... permissions) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .subject(subject)
                .groups(Set.of(permissions))
                .issuedAt(expiresAt.minus(Duration.ofMinutes(20)))
                .expiresAt(expiresAt);
        if (upn != null) {
            claims.upn(upn);
        }
        audience.ifPresent(claims::audience);
        return claims.sign(keys.getPrivate());
    }

    /** Configuration that makes a service trust these tokens. */
    public static Map<String, String> quarkusConfig() {
        return Map.of(
                "mp.jwt.verify.publickey", Base64.getEncoder().encodeToString(TRUSTED.getPublic().getEncoded()),
                "mp.jwt.verify.issuer", ISSUER);
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }
}
