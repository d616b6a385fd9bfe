package io.geoingest.common.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An event waiting to be published, written in the same transaction as the change it announces. */
@Entity
@Table(name = "outbox")
public class OutboxMessage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String topic;

    @Column(name = "message_key", nullable = false)
    public String messageKey;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public JsonNode payload;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** When Kafka refused the event for what it holds; such an event is set aside, never retried. */
    @Column(name = "refused_at")
    public Instant refusedAt;

    /** Kafka's reason for refusing the event. */
    public String refusal;

    /** The service that wrote the event (its CloudEvents source); null for events written before it was kept. */
    public String source;

    /** The W3C trace context of the span that wrote the event; null when it was written untraced. */
    public String traceparent;
}
