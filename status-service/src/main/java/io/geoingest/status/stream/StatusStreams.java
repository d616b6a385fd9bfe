package io.geoingest.status.stream;

import io.geoingest.common.Uuids;
import io.geoingest.common.auth.Caller;
import io.geoingest.common.error.FileApiProblem;
import io.geoingest.common.file.FileStatus;
import io.geoingest.common.logging.FileLogContext;
import io.geoingest.status.file.VisibleFiles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/** Opens live status streams: the current status first, then each change until a terminal one. */
@ApplicationScoped
public class StatusStreams {
    private static final Logger LOG = Logger.getLogger(StatusStreams.class);

    @Inject
    VisibleFiles files;

    @Inject
    StatusBroadcaster broadcaster;

    @Inject
    StatusStreamConfig config;

    /**
     * The stream of a file the caller may see; 404 {@code File not found} otherwise, before any
     * event is sent. A client that reconnects names the last event it received ({@code lastEventId})
     * and gets only what moves forward from it; one that received the last event of the stream gets
     * 204 No Content, which tells an EventSource to stop reconnecting. The stream also ends once
     * {@code credentialsHold} fails (checked at each re-read): a client that reconnects with a
     * revoked key or an expired token is then refused.
     */
    public Multi<StreamSignal> open(String id, Caller caller, BooleanSupplier credentialsHold, String lastEventId) {
        UUID fileId = Uuids.parse(id).orElseThrow(FileApiProblem::fileNotFound);
        try (FileLogContext file = FileLogContext.forRequest(fileId)) {
            return open(fileId, caller, credentialsHold, lastEventId);
        }
    }

    private Multi<StreamSignal> open(UUID fileId, Caller caller, BooleanSupplier credentialsHold, String lastEventId) {
        StatusFeed feed = new StatusFeed(fileId);
        // Listen before reading the database: a change made between the read and the start of
        // the stream then still reaches it.
        broadcaster.listen(feed);
        StatusEvent current;
        try {
            current = StatusEvent.of(files.require(fileId, caller));
        } catch (RuntimeException e) {
            broadcaster.stopListening(feed);
            throw e;
        }
        Optional<FileStatus> seen = StatusEvent.statusOfId(lastEventId);
        if (current.status().isTerminal()) {
            broadcaster.stopListening(feed);
            // only the file's own last event: FAILED is none of a COMPLETED file's
            if (seen.filter(current.status()::equals).isPresent()) {
                throw new WebApplicationException(Response.noContent().build());
            }
            return Multi.createFrom().<StreamSignal>item(current);
        }
        // A file stays terminal once it is: an id that says otherwise is no event of this file's.
        Optional<FileStatus> seenBefore = seen.filter(status -> !status.isTerminal());
        return Multi.createFrom().emitter(emitter -> {
            Cancellable rechecks = Multi.createFrom().ticks().every(config.recheckInterval())
                    // a re-read still running makes the next one redundant
                    .onOverflow().drop()
                    // ticks fire on an event loop; reading the database must happen on a worker
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .subscribe().with(tick -> {
                        // a re-read runs on a thread of the pool, outside the request's log context
                        try (FileLogContext file = FileLogContext.of(fileId)) {
                            if (stillHold(credentialsHold, fileId)) {
                                feed.rechecked(reread(fileId));
                            } else {
                                feed.end();
                            }
                        }
                    });
            emitter.onTermination(() -> {
                rechecks.cancel();
                broadcaster.stopListening(feed);
            });
            feed.start(emitter, seenBefore, current);
        });
    }

    private static boolean stillHold(BooleanSupplier credentialsHold, UUID fileId) {
        try {
            return credentialsHold.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warnf("Could not check the credentials of a stream of file %s (%s); checking again at the next re-read",
                    fileId, e.toString());
            return true;
        }
    }

    private Optional<StatusEvent> reread(UUID fileId) {
        try {
            return files.current(fileId).map(StatusEvent::of);
        } catch (RuntimeException e) {
            LOG.warnf("Could not re-read the status of file %s (%s); its stream goes on with events only",
                    fileId, e.toString());
            return Optional.empty();
        }
    }
}
