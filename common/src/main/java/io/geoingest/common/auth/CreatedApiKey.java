package io.geoingest.common.auth;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A newly created key: the only time the key itself is ever shown. */
public record CreatedApiKey(UUID id, String key, String owner, Set<String> permissions, Instant createdAt) {
}
