package io.geoingest.status;

import io.geoingest.status.stac.Link;
import io.geoingest.status.stream.StatusEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Classes Jackson reaches by reflection that a native build cannot see on its own: links turned
 * into JSON trees of STAC documents, and the status events written into Server-Sent Events.
 */
@RegisterForReflection(targets = {Link.class, StatusEvent.class})
public final class NativeReflection {
    private NativeReflection() {
    }
}
