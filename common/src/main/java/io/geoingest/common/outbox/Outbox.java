package io.geoingest.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.event.FileStatusChanged;
import io.geoingest.common.event.FileUploaded;
import io.geoingest.common.event.Topics;
import io.geoingest.common.transaction.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

/**
 * The transactional outbox: an event is stored with the state change it announces, in the
 * caller's transaction, and the {@link OutboxRelay} publishes it once that transaction commits.
 * So an event is never lost when Kafka is down, and never sent for a change that rolled back.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "insert into outbox (topic, message_key, payload, created_at, source, traceparent)"
            + " values (?, ?, cast(? as jsonb), ?, ?, ?)";

    @Inject
    ObjectMapper json;

    @Inject
    EntityManager entityManager;

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

    /**
     * One INSERT through the transaction's connection, not an entity: the persistence context would
     * keep every event written and check it for changes when the transaction ends, a cost on each
     * file's way through the pipeline.
     */
    private void enqueue(String topic, String key, Object event) {
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event record Jackson cannot write: " + event, e);
        }
        Instant createdAt = Instant.now();
        String traceparent = TraceParents.ofCurrentSpan().orElse(null);
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, topic);
                insert.setString(2, key);
                insert.setString(3, payload);
                insert.setObject(4, createdAt.atOffset(ZoneOffset.UTC));
                insert.setString(5, applicationName);
                insert.setString(6, traceparent);
                insert.executeUpdate();
            }
        });
        AfterCommit.run(transactions, relay::wakeUp);
    }
}
