package io.geoingest.status.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.api.ApiDocumentation;
import io.geoingest.common.auth.Caller;
import io.geoingest.common.auth.CredentialsInForce;
import io.geoingest.common.auth.Permission;
import io.geoingest.common.http.PrivateAnswers;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;

/**
 * A file's status changes as Server-Sent Events ({@code event: status}, JSON data), ending after
 * COMPLETED or FAILED, so clients need not poll {@code /public/file/status/{id}}.
 */
@Path("/public/file/status/{id}/events")
@Tag(name = ApiDocumentation.FILES)
@RolesAllowed({Permission.ADMIN, Permission.UPLOAD})
public class StatusEventsResource {

    @Inject
    StatusStreams streams;

    @Inject
    SecurityIdentity identity;

    @Inject
    ObjectMapper json;

    @Inject
    CredentialsInForce credentials;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    @ResponseHeader(name = HttpHeaders.CACHE_CONTROL, value = PrivateAnswers.FILE_API)
    @Operation(operationId = "streamFileStatus", summary = "Live status of a file",
            description = "Server-Sent Events: the current status first, then every change (`event: status`, JSON"
                    + " data, the status as `id`), with keep-alive comments in between; the stream ends after COMPLETED"
                    + " or FAILED. A client that reconnects with Last-Event-ID gets only the statuses after that one.")
    @APIResponse(responseCode = "200", description = "The status stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(type = SchemaType.STRING),
                    example = "id: IN_PROGRESS\nevent: status\ndata: {\"fileId\":\"8a5f3c1e-2b4d-4e6f-9a0b-1c2d3e4f5a6b\",\"status\":\"IN_PROGRESS\","
                            + "\"at\":1706610323613}\n\n"))
    @APIResponse(responseCode = "204", description = "Last-Event-ID names the stream's last event: there is nothing more")
    @APIResponse(responseCode = "404", description = "File not found")
    public Multi<OutboundSseEvent> events(
            @Parameter(description = "The file id (a UUID)", example = "8a5f3c1e-2b4d-4e6f-9a0b-1c2d3e4f5a6b")
            @PathParam("id") String id,
            @Parameter(description = "The id of the last event received, which an EventSource sends when it"
                    + " reconnects: only later statuses are sent", example = "IN_PROGRESS")
            @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId,
            @Context Sse sse) {
        return streams.open(id, Caller.of(identity), credentials.of(identity), lastEventId).map(signal -> toSse(sse, signal));
    }

    /**
     * The data is written as JSON text here: an event with a media type would also carry a
     * {@code content-type:} line, which is no SSE field (EventSource clients skip it).
     */
    private OutboundSseEvent toSse(Sse sse, StreamSignal signal) {
        if (signal instanceof StatusEvent status) {
            return sse.newEventBuilder()
                    .id(status.id())
                    .name("status")
                    .data(String.class, json.valueToTree(status).toString())
                    .build();
        }
        return sse.newEventBuilder().comment("keep-alive").build();
    }
}
