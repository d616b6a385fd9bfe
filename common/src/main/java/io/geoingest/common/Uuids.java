package io.geoingest.common;

import java.util.Optional;
import java.util.UUID;

public final class Uuids {
    private Uuids() {
    }

    /** The UUID a client sent, or empty when the text is not one (a client mistake, not a server error). */
    public static Optional<UUID> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
