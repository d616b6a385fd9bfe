package io.geoingest.common.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.event.FileStatusChanged;
import io.geoingest.common.event.FileUploaded;
import io.geoingest.common.event.Topics;
import io.geoingest.common.transaction.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The transactional outbox: an event is stored with the state change it announces, in the
 * caller's transaction, and the {@link OutboxRelay} publishes it once that transaction commits.
 * So an event is never lost when Kafka is down, and never sent for a change that rolled back.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    ObjectMapper json;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    @Transactional(Transactional.TxType.MANDATORY)
    public void fileUploaded(FileUploaded event) {
        enqueue(Topics.FILE_UPLOADED, event.fileId().toString(), event);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void fileStatusChanged(FileStatusChanged event) {
        enqueue(Topics.FILE_STATUS, event.fileId().toString(), event);
    }

    private void enqueue(String topic, String key, Object event) {
        OutboxMessage message = new OutboxMessage();
        message.topic = topic;
        message.messageKey = key;
        message.payload = json.valueToTree(event);
        message.createdAt = Instant.now();
        message.source = applicationName;
        message.traceparent = TraceParents.ofCurrentSpan().orElse(null);
        message.persist();
        AfterCommit.run(transactions, relay::wakeUp);
    }
}
