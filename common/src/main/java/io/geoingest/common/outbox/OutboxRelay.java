package io.geoingest.common.outbox;

import io.geoingest.common.logging.FileLogContext;
import io.geoingest.common.text.Storable;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
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
 * An event Kafka refuses for what it holds (too large) is set aside with the reason instead, so
 * that it does not hold back the events after it.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);
    private static final int MAX_REFUSAL_LENGTH = 2000;

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
                Round round;
                do {
                    round = relayOneBatch();
                    round.throwIfAnyUnsent();
                } while (round.taken() == config.batchSize() && running);
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

    /**
     * Publishes one batch and records, in the same transaction that holds the rows, which of them
     * Kafka acknowledged and which it refused for what they hold. The rest (Kafka down, no answer
     * in time) stay unsent for the next round.
     */
    private Round relayOneBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<OutboxMessage> batch = entityManager.createNativeQuery(
                            "select * from outbox where sent_at is null and refused_at is null order by id limit ?1"
                                    + " for update skip locked",
                            OutboxMessage.class)
                    .setParameter(1, config.batchSize())
                    .getResultList();
            if (batch.isEmpty()) {
                return new Round(0, List.of());
            }
            Map<OutboxMessage, CompletableFuture<Void>> acknowledgements = new LinkedHashMap<>();
            batch.forEach(row -> acknowledgements.put(row, publish(row)));
            awaitAnswers(acknowledgements.values());
            List<Long> sent = new ArrayList<>();
            List<Throwable> unsent = new ArrayList<>();
            acknowledgements.forEach((row, acknowledged) -> {
                Optional<Throwable> failure = failureOf(acknowledged);
                if (failure.isEmpty()) {
                    sent.add(row.id);
                } else if (isRefusalOf(failure.get())) {
                    setAside(row, failure.get());
                } else {
                    unsent.add(failure.get());
                }
            });
            if (!sent.isEmpty()) {
                // One statement for the batch: marking each entity would flush one UPDATE per row.
                entityManager.createQuery("update OutboxMessage set sentAt = :now where id in :ids")
                        .setParameter("now", Instant.now())
                        .setParameter("ids", sent)
                        .executeUpdate();
            }
            return new Round(batch.size(), unsent);
        });
    }

    private void awaitAnswers(Collection<CompletableFuture<Void>> acknowledgements) throws InterruptedException {
        try {
            CompletableFuture.allOf(acknowledgements.toArray(CompletableFuture[]::new))
                    .get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Each acknowledgement is looked at on its own: one failure must not hold back the others.
        }
    }

    private Optional<Throwable> failureOf(CompletableFuture<Void> acknowledged) {
        if (!acknowledged.isDone()) {
            return Optional.of(new TimeoutException("Kafka did not acknowledge within " + config.publishTimeout()));
        }
        try {
            acknowledged.join();
            return Optional.empty();
        } catch (CompletionException e) {
            return Optional.of(e.getCause());
        }
    }

    /**
     * Kafka refuses some events for what they hold, and would refuse them again on every retry.
     * Anything else (a broker down, authorisation, a topic missing) is the deployment's to fix, and
     * the event waits for it.
     */
    private static boolean isRefusalOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RecordTooLargeException || cause instanceof SerializationException) {
                return true;
            }
        }
        return false;
    }

    private void setAside(OutboxMessage row, Throwable refusal) {
        String reason = rootMessage(refusal);
        try (FileLogContext file = FileLogContext.of(row.messageKey)) {
            LOG.errorf("Kafka refused outbox event %d (%s, key %s), set aside unsent: %s", row.id, row.topic,
                    row.messageKey, reason);
        }
        entityManager.createQuery("update OutboxMessage set refusedAt = :now, refusal = :reason where id = :id")
                .setParameter("now", Instant.now())
                .setParameter("reason", Storable.text(reason, MAX_REFUSAL_LENGTH))
                .setParameter("id", row.id)
                .executeUpdate();
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

    /** One batch taken from the outbox, and why the events not sent in it were not. */
    private record Round(int taken, List<Throwable> unsent) {
        void throwIfAnyUnsent() {
            if (!unsent.isEmpty()) {
                throw new IllegalStateException(unsent.size() + " of " + taken + " events not acknowledged", unsent.get(0));
            }
        }
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
