package io.geoingest.status.stream;

import io.geoingest.common.auth.Caller;
import io.geoingest.common.auth.Permission;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

/**
 * A file's status changes as Server-Sent Events ({@code event: status}, JSON data), ending after
 * COMPLETED or FAILED, so clients need not poll {@code /public/file/status/{id}}.
 */
@Path("/public/file/status/{id}/events")
@RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
public class StatusEventsResource {

    @Inject
    StatusStreams streams;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public Multi<OutboundSseEvent> events(@PathParam("id") String id, @Context Sse sse) {
        return streams.open(id, Caller.of(identity)).map(signal -> toSse(sse, signal));
    }

    private static OutboundSseEvent toSse(Sse sse, StreamSignal signal) {
        if (signal instanceof StatusEvent status) {
            return sse.newEventBuilder()
                    .name("status")
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(StatusEvent.class, status)
                    .build();
        }
        return sse.newEventBuilder().comment("keep-alive").build();
    }
}
