package io.geoingest.status.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.event.FileStatusChanged;
import io.geoingest.common.event.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Hands every {@code file-status} event this instance receives to the open streams of that file.
 * Streams live in this instance's memory, which is why every instance consumes every event.
 */
@ApplicationScoped
public class StatusBroadcaster {
    private static final Logger LOG = Logger.getLogger(StatusBroadcaster.class);

    private final Map<UUID, Set<StatusFeed>> feedsByFile = new ConcurrentHashMap<>();

    @Inject
    ObjectMapper json;

    /**
     * Records come a poll at a time: each instance reads every status change of the suite, most of
     * them of files nobody follows, which are dropped unread.
     */
    @Incoming(Topics.FILE_STATUS)
    public void onStatusChanged(List<String> records) {
        if (feedsByFile.isEmpty()) {
            return;
        }
        records.forEach(this::broadcast);
    }

    private void broadcast(String record) {
        FileStatusChanged change;
        try {
            change = json.readValue(record, FileStatusChanged.class);
        } catch (JsonProcessingException e) {
            LOG.warnf("Ignoring a %s record that is not a status change: %s", Topics.FILE_STATUS, e.getOriginalMessage());
            return;
        }
        if (change.fileId() == null || change.status() == null) {
            LOG.warnf("Ignoring a %s record without fileId or status", Topics.FILE_STATUS);
            return;
        }
        StatusEvent event = StatusEvent.of(change);
        feedsByFile.getOrDefault(change.fileId(), Set.of()).forEach(feed -> feed.changed(event));
    }

    void listen(StatusFeed feed) {
        feedsByFile.compute(feed.fileId(), (fileId, feeds) -> {
            Set<StatusFeed> listening = feeds == null ? ConcurrentHashMap.newKeySet() : feeds;
            listening.add(feed);
            return listening;
        });
    }

    void stopListening(StatusFeed feed) {
        feedsByFile.computeIfPresent(feed.fileId(), (fileId, feeds) -> {
            feeds.remove(feed);
            return feeds.isEmpty() ? null : feeds;
        });
    }
}
