package io.geoingest.common.auth;

import io.geoingest.common.time.StorableDates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class ApiKeyService {
    /** Writing last-used on every request would turn every read into a write; once a minute is enough. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    @Transactional
    public CreatedApiKey create(String owner, Collection<Permission> permissions) {
        return store(ApiKeys.newKey(), owner, permissions);
    }

    /**
     * Stores a given key (the bootstrap admin key) unless a key with the same hash exists. Several
     * services start at once with the same key, so the insert itself must tolerate the race; the
     * look first lets a service whose database role may only read keys start once the key is there.
     */
    @Transactional
    public void ensureExists(String key, String owner, Collection<Permission> permissions) {
        if (ApiKey.findByHash(ApiKeys.hash(key)).isPresent()) {
            return;
        }
        ApiKey.getEntityManager().createNativeQuery("""
                insert into api_key (id, key_hash, owner, permissions, created_at)
                values (?1, ?2, ?3, cast(?4 as text[]), now())
                on conflict (key_hash) do nothing""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, ApiKeys.hash(key))
                .setParameter(3, owner)
                .setParameter(4, "{" + String.join(",", permissionNames(permissions)) + "}")
                .executeUpdate();
    }

    private CreatedApiKey store(String key, String owner, Collection<Permission> permissions) {
        ApiKey entity = new ApiKey();
        entity.id = UUID.randomUUID();
        entity.keyHash = ApiKeys.hash(key);
        entity.owner = owner;
        entity.permissions = permissionNames(permissions).toArray(String[]::new);
        entity.createdAt = StorableDates.now();
        entity.persist();
        return new CreatedApiKey(entity.id, key, owner, permissionNames(permissions), entity.createdAt);
    }

    private static Set<String> permissionNames(Collection<Permission> permissions) {
        return permissions.stream().map(Permission::value).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Revokes a key; false when no such key exists. Revoking twice is harmless. */
    @Transactional
    public boolean revoke(UUID id) {
        Optional<ApiKey> found = ApiKey.findByIdOptional(id);
        found.filter(key -> !key.isRevoked()).ifPresent(key -> key.revokedAt = StorableDates.now());
        return found.isPresent();
    }

    /** Whether the key of that id is stored and not revoked. */
    @Transactional
    public boolean inForce(UUID id) {
        return ApiKey.<ApiKey>findByIdOptional(id).filter(key -> !key.isRevoked()).isPresent();
    }

    /** The key's record when the key is known and not revoked. */
    @Transactional
    public Optional<ApiKey> authenticate(String presentedKey) {
        String presentedHash = ApiKeys.hash(presentedKey);
        Optional<ApiKey> match = ApiKey.findByHash(presentedHash)
                .filter(key -> ApiKeys.sameHash(key.keyHash, presentedHash))
                .filter(key -> !key.isRevoked());
        match.ifPresent(this::touch);
        return match;
    }

    /**
     * Records the use in the one column, and only on a key still not revoked: writing the row back
     * as read (Hibernate writes every column) undid a revocation that committed in between, and
     * would need a right to every column the status-service's role does not have.
     */
    private void touch(ApiKey key) {
        Instant now = Instant.now();
        if (key.lastUsedAt == null || key.lastUsedAt.plus(LAST_USED_RESOLUTION).isBefore(now)) {
            ApiKey.getEntityManager().createNativeQuery("""
                    update api_key set last_used_at = ?1
                    where id = ?2 and revoked_at is null and (last_used_at is null or last_used_at < ?3)""")
                    .setParameter(1, now)
                    .setParameter(2, key.id)
                    .setParameter(3, now.minus(LAST_USED_RESOLUTION))
                    .executeUpdate();
        }
    }
}
