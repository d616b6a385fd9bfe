package io.geoingest.status.stream;

import io.geoingest.common.Uuids;
import io.geoingest.common.auth.Caller;
import io.geoingest.common.error.FileApiProblem;
import io.geoingest.status.file.VisibleFiles;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
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
     * event is sent.
     */
    public Multi<StreamSignal> open(String id, Caller caller) {
        UUID fileId = Uuids.parse(id).orElseThrow(FileApiProblem::fileNotFound);
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
        if (current.status().isTerminal()) {
            broadcaster.stopListening(feed);
            return Multi.createFrom().<StreamSignal>item(current);
        }
        return Multi.createFrom().emitter(emitter -> {
            Cancellable rechecks = Multi.createFrom().ticks().every(config.recheckInterval())
                    // a re-read still running makes the next one redundant
                    .onOverflow().drop()
                    // ticks fire on an event loop; reading the database must happen on a worker
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .subscribe().with(tick -> feed.rechecked(reread(fileId)));
            emitter.onTermination(() -> {
                rechecks.cancel();
                broadcaster.stopListening(feed);
            });
            feed.start(emitter, current);
        });
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
