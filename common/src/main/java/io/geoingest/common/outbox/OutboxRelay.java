package io.geoingest.common.outbox;

import io.geoingest.common.logging.FileLogContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka: takes unsent rows (locked, so several relays never send the same
 * row at once), waits for Kafka's acknowledgement, then marks them sent. When Kafka is down the
 * rows stay unsent and the relay retries with growing pauses, so events go out once it is back.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    @Inject
    @Channel("outbox")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<String> emitter;

    @Inject
    EntityManager entityManager;

    @Inject
    OutboxConfig config;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::relayUntilStopped, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            wakeUp();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** Asks for a round now, instead of at the next poll; called after a commit that wrote events. */
    public void wakeUp() {
        wakeUps.release();
    }

    private void relayUntilStopped() {
        Duration backoff = Duration.ZERO;
        Instant nextPurge = Instant.now();
        while (running) {
            try {
                wakeUps.tryAcquire(backoff.isZero() ? config.pollInterval().toMillis() : backoff.toMillis(),
                        TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                int sent;
                do {
                    sent = relayOneBatch();
                } while (sent == config.batchSize() && running);
                if (!backoff.isZero()) {
                    LOG.info("Outbox relay publishes again");
                }
                backoff = Duration.ZERO;
                if (Instant.now().isAfter(nextPurge)) {
                    purgeSent();
                    nextPurge = Instant.now().plus(PURGE_EVERY);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (backoff.isZero()) {
                    LOG.warnf("Outbox relay cannot publish (%s); events wait in the outbox and are retried", rootMessage(e));
                }
                backoff = backoff.isZero() ? Duration.ofMillis(500) : min(backoff.multipliedBy(2), MAX_BACKOFF);
            }
        }
    }

    private int relayOneBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<OutboxMessage> batch = entityManager.createNativeQuery(
                            "select * from outbox where sent_at is null order by id limit ?1 for update skip locked",
                            OutboxMessage.class)
                    .setParameter(1, config.batchSize())
                    .getResultList();
            if (batch.isEmpty()) {
                return 0;
            }
            CompletableFuture<?>[] acknowledgements = batch.stream().map(this::publish).toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(acknowledgements).get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
            // One statement for the batch: marking each entity would flush one UPDATE per row.
            entityManager.createQuery("update OutboxMessage set sentAt = :now where id in :ids")
                    .setParameter("now", Instant.now())
                    .setParameter("ids", batch.stream().map(message -> message.id).toList())
                    .executeUpdate();
            return batch.size();
        });
    }

    private CompletableFuture<Void> publish(OutboxMessage row) {
        try (FileLogContext file = FileLogContext.of(row.messageKey)) {
            CompletableFuture<Void> acknowledged = new CompletableFuture<>();
            emitter.send(traced(message(row, acknowledged), row));
            return acknowledged;
        }
    }

    /**
     * The Kafka connector starts its producer span as a child of this context and writes that span's
     * traceparent into the record's headers, where the consumer (worker, status-service) picks the
     * trace up: one trace from the request that wrote the event to whoever handles it.
     */
    private static Message<String> traced(Message<String> message, OutboxMessage row) {
        if (row.traceparent == null) {
            return message;
        }
        return message.addMetadata(TracingMetadata.withCurrent(TraceParents.asParent(row.traceparent)));
    }

    private Message<String> message(OutboxMessage row, CompletableFuture<Void> acknowledged) {
        return Message.of(row.payload.toString())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(row.topic)
                        .withKey(row.messageKey)
                        .build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(applicationName + "-" + row.id)
                        .withType("io.geoingest." + row.topic)
                        .withSource(URI.create("urn:geoingest:" + applicationName))
                        .withSubject(row.messageKey)
                        .withTimestamp(row.createdAt.atZone(java.time.ZoneOffset.UTC))
                        .build())
                .withAck(() -> {
                    acknowledged.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    acknowledged.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
    }

    private void purgeSent() {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("delete from outbox where sent_at < ?1")
                .setParameter(1, Instant.now().minus(config.retention()))
                .executeUpdate());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
