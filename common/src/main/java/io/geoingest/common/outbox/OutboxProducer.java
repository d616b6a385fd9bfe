package io.geoingest.common.outbox;

import io.geoingest.common.logging.FileLogContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The relay's own Kafka producer. Owned here rather than behind a messaging channel so that a round
 * that gives up can drop what it handed over ({@link #discard()}): a channel keeps queued messages and
 * sends them later, after the next round sent the same rows again.
 */
@ApplicationScoped
class OutboxProducer {
    private static final Logger LOG = Logger.getLogger(OutboxProducer.class);
    /** While the producer cannot be made, how often that is logged again. */
    private static final Duration WARN_EVERY = Duration.ofMinutes(5);
    private static final DateTimeFormatter CLOUD_EVENT_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaDefaults;

    @Inject
    OutboxConfig config;

    @Inject
    Tracer tracer;

    /**
     * The producer's Kafka client metrics are bound here, not by announcing it to Quarkus's binder,
     * which keeps a binder (and its thread) per producer until shutdown: each producer a round that
     * gave up discarded would leak one.
     */
    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    private Producer<String, String> producer;
    private KafkaClientMetrics metrics;
    /** Numbers each producer's client.id, so that a new one's meters never meet its predecessor's. */
    private final AtomicInteger made = new AtomicInteger();
    private long warnedAt;
    private boolean failing;

    /**
     * Hands the row to Kafka. Never throws: a failure, whether Kafka reports it at once (no metadata
     * within max.block.ms) or later, completes the answer exceptionally.
     */
    CompletableFuture<Void> send(OutboxMessage row) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        Span span = tracer.spanBuilder(row.topic + " publish")
                .setParent(row.traceparent == null ? Context.root() : TraceParents.asParent(row.traceparent))
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(AttributeKey.stringKey("messaging.system"), "kafka")
                .setAttribute(AttributeKey.stringKey("messaging.destination.name"), row.topic)
                .startSpan();
        try {
            // made outside the file's log context: its network thread would keep that file id for good
            Producer<String, String> kafka = producer();
            try (FileLogContext file = FileLogContext.of(row.messageKey)) {
                kafka.send(record(row, span), (metadata, failure) -> {
                    if (failure == null) {
                        acknowledged.complete(null);
                    } else {
                        span.setStatus(StatusCode.ERROR, failure.getMessage());
                        acknowledged.completeExceptionally(failure);
                    }
                    span.end();
                });
            }
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getMessage());
            span.end();
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }

    /**
     * Fails and drops every record not answered yet, so that none of them goes out later; the next
     * send starts a new producer.
     */
    synchronized void discard() {
        if (producer != null) {
            metrics.close();
            metrics = null;
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    /**
     * The producer, made at the first send after a discard. A producer that cannot be made (a
     * bootstrap address that does not resolve, a bad setting) fails the send like an unreachable
     * broker, so the relay retries; it is logged at the first failure and then every few minutes,
     * as long as it lasts.
     */
    private synchronized Producer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> settings = new HashMap<>(kafkaDefaults);
            // a consumer setting Quarkus adds to the defaults of every Kafka client
            settings.remove("group.id");
            settings.putAll(config.producer());
            settings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-outbox");
            settings.compute(ProducerConfig.CLIENT_ID_CONFIG, (key, id) -> id + "-" + made.incrementAndGet());
            try {
                producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
            } catch (RuntimeException e) {
                long now = System.nanoTime();
                if (!failing || now - warnedAt >= WARN_EVERY.toNanos()) {
                    LOG.warnf("The outbox relay's Kafka producer cannot be made (%s); events wait in the outbox",
                            e.getCause() == null ? e.getMessage() : e.getMessage() + ": " + e.getCause().getMessage());
                    warnedAt = now;
                }
                failing = true;
                throw e;
            }
            if (failing) {
                LOG.info("The outbox relay's Kafka producer was made");
                failing = false;
            }
            metrics = new KafkaClientMetrics(producer);
            metrics.bindTo(registry);
        }
        return producer;
    }

    /**
     * CloudEvents in binary mode: the event's attributes in ce_ headers. The id is the row's, and the
     * source the service that wrote the row, so that an event relayed twice, by either relay, is
     * recognisably the same event.
     */
    private ProducerRecord<String, String> record(OutboxMessage row, Span span) {
        ProducerRecord<String, String> record = new ProducerRecord<>(row.topic, row.messageKey, row.payload.toString());
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", row.id.toString());
        header(record, "ce_type", "io.geoingest." + row.topic);
        // rows written before the writer was recorded name the relaying service, as they always did
        header(record, "ce_source", "urn:geoingest:" + (row.source == null ? applicationName : row.source));
        header(record, "ce_subject", row.messageKey);
        header(record, "ce_time", CLOUD_EVENT_TIME.format(row.createdAt.atOffset(ZoneOffset.UTC)));
        // the consumer (worker, status-service) continues the trace of whoever wrote the row
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), record,
                (carrier, key, value) -> header(carrier, key, value));
        return record;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
