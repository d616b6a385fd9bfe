package io.geoingest.common;

import io.geoingest.common.auth.CreatedApiKey;
import io.geoingest.common.error.ApiError;
import io.geoingest.common.error.StacError;
import io.geoingest.common.event.FileStatusChanged;
import io.geoingest.common.event.FileUploaded;
import io.geoingest.common.event.StacTarget;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Classes Jackson reaches by reflection that a native build cannot see on its own: the events, which
 * the outbox serialises with the ObjectMapper and the consumers read back, and the bodies that go
 * out inside a {@code Response} (error bodies, a created key), whose type no method signature names.
 */
@RegisterForReflection(targets = {
        FileUploaded.class,
        FileStatusChanged.class,
        StacTarget.class,
        ApiError.class,
        StacError.class,
        CreatedApiKey.class
})
public final class NativeReflection {
    private NativeReflection() {
    }
}
