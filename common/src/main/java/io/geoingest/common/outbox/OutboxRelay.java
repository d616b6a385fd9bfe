package io.geoingest.common.outbox;

import io.geoingest.common.logging.FileLogContext;
import io.geoingest.common.text.Storable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.hibernate.jpa.HibernateHints;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka: takes unsent rows (locked, so several relays never send the same
 * row at once), waits for Kafka's acknowledgement, then marks them sent. When Kafka is down the
 * rows stay unsent and the relay retries with growing pauses, so events go out once it is back.
 * An event Kafka refuses for what it holds (too large) is set aside with the reason instead, so
 * that it does not hold back the events after it.
 *
 * <p>Events of one key (a file) go out in the order they were written, whichever relay (the
 * upload-service's, the worker's) takes them: a row is not sent while an earlier unsent row of its
 * key exists, and within a round a key's next row is sent only once Kafka acknowledged the one
 * before. A round that gives up leaves nothing behind in the producer.
 *
 * <p>A topic Kafka fails a send to (missing, not authorised, its metadata out of reach) is skipped
 * for the rest of the pass, and so is every later row of a key whose row was not sent: the other
 * topics' events still go out, and an outage costs one failed send per topic and pass, not one per
 * row. The pauses between passes grow only while no event goes out.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);
    /** How long a stopping relay still waits for Kafka's answers, so that it marks what was acknowledged. */
    private static final Duration ANSWERS_AT_SHUTDOWN = Duration.ofSeconds(5);
    private static final Duration ANSWER_POLL = Duration.ofMillis(100);
    private static final int MAX_REFUSAL_LENGTH = 2000;
    /** Beyond the round's publish timeout: the sends themselves, and marking the rows. */
    private static final Duration TRANSACTION_MARGIN = Duration.ofMinutes(1);

    @Inject
    OutboxProducer producer;

    @Inject
    EntityManager entityManager;

    @Inject
    OutboxConfig config;

    @Inject
    MeterRegistry registry;

    /** Passes that left an event unpublished (Kafka down, a topic failing): the pace of retries, for alerts. */
    private Counter failedPasses;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private volatile long stoppingSince;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            return;
        }
        failedPasses = Counter.builder("geoingest.outbox.failed.passes")
                .description("Relay passes that left an event unpublished for a later one")
                .register(registry);
        running = true;
        thread = new Thread(this::relayUntilStopped, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Lets the round under way mark what Kafka acknowledged: a send blocked on a broker it cannot
     * reach ends within max.block.ms, then the answers get {@link #ANSWERS_AT_SHUTDOWN}.
     */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stoppingSince = System.nanoTime();
        running = false;
        if (thread != null) {
            wakeUp();
            long maxBlock = Long.parseLong(config.producer().getOrDefault("max.block.ms", "60000"));
            thread.join(maxBlock + ANSWERS_AT_SHUTDOWN.multipliedBy(2).toMillis());
            producer.discard();
        }
    }

    /** Asks for a round now, instead of at the next poll; called after a commit that wrote events. */
    public void wakeUp() {
        wakeUps.release();
    }

    private void relayUntilStopped() {
        Duration backoff = Duration.ZERO;
        boolean failing = false;
        Instant nextPurge = Instant.now();
        while (running) {
            try {
                wakeUps.tryAcquire(backoff.isZero() ? config.pollInterval().toMillis() : backoff.toMillis(),
                        TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                Pass pass = relayOnePass();
                if (pass.unsent().isEmpty()) {
                    if (failing) {
                        LOG.info("Outbox relay publishes again");
                    }
                    failing = false;
                    backoff = Duration.ZERO;
                } else {
                    failedPasses.increment();
                    if (!failing) {
                        LOG.warnf("Outbox relay cannot publish %d events (%s); they wait in the outbox and are retried",
                                pass.unsent().size(), rootMessage(pass.unsent().get(0)));
                    }
                    failing = true;
                    // a pass that sent events shows Kafka is there: the rest are retried at the usual pace
                    backoff = pass.settled() > 0 ? Duration.ZERO
                            : backoff.isZero() ? Duration.ofMillis(500) : min(backoff.multipliedBy(2), MAX_BACKOFF);
                }
                if (Instant.now().isAfter(nextPurge)) {
                    purgeSent();
                    nextPurge = Instant.now().plus(PURGE_EVERY);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failedPasses.increment();
                if (!failing) {
                    LOG.warnf("Outbox relay cannot publish (%s); events wait in the outbox and are retried", rootMessage(e));
                }
                failing = true;
                backoff = backoff.isZero() ? Duration.ofMillis(500) : min(backoff.multipliedBy(2), MAX_BACKOFF);
            }
        }
    }

    /**
     * Batches until the outbox holds no more sendable rows: a batch is followed by the next while
     * it was full and either settled rows or found a topic failing, whose rows the next batches
     * leave (else a batch full of them would be taken again and again).
     */
    private Pass relayOnePass() {
        Set<String> failingTopics = new HashSet<>();
        List<Throwable> unsent = new ArrayList<>();
        int settled = 0;
        do {
            int failingBefore = failingTopics.size();
            Round round = relayOneBatch(failingTopics);
            unsent.addAll(round.unsent());
            settled += round.settled();
            // rows of the batch left waiting on an earlier row of their key are retried at the next poll
            if (round.taken() < config.batchSize() || round.settled() == 0 && failingTopics.size() == failingBefore) {
                break;
            }
        } while (running);
        return new Pass(settled, unsent);
    }

    /**
     * Publishes one batch and records, in the same transaction that holds the rows, which of them
     * Kafka acknowledged and which it refused for what they hold. The rest (Kafka down, no answer
     * in time, an earlier row of their key unsent) stay unsent for a later round.
     */
    private Round relayOneBatch(Set<String> failingTopics) {
        return QuarkusTransaction.requiringNew()
                .timeout(Math.toIntExact(config.publishTimeout().plus(TRANSACTION_MARGIN).toSeconds()))
                .call(() -> {
                    var query = entityManager.createNativeQuery(
                                    "select * from outbox where sent_at is null and refused_at is null"
                                            + (failingTopics.isEmpty() ? "" : " and topic not in (:failing)")
                                            + " order by id limit :size for update skip locked",
                                    OutboxMessage.class)
                            .setParameter("size", config.batchSize())
                            // rows are marked with statements of their own: no snapshot to compare at commit
                            .setHint(HibernateHints.HINT_READ_ONLY, true);
                    if (!failingTopics.isEmpty()) {
                        query.setParameter("failing", failingTopics);
                    }
                    @SuppressWarnings("unchecked")
                    List<OutboxMessage> batch = query.getResultList();
                    if (batch.isEmpty()) {
                        return new Round(0, 0, List.of());
                    }
                    Map<String, Deque<OutboxMessage>> byKey = sendableByKey(batch);
                    List<Long> sent = new ArrayList<>();
                    int setAside = 0;
                    List<Throwable> unsent = new ArrayList<>();
                    long deadline = System.nanoTime() + config.publishTimeout().toNanos();
                    while (!byKey.isEmpty() && running && System.nanoTime() < deadline) {
                        Map<OutboxMessage, CompletableFuture<Void>> wave = sendNextOfEachKey(byKey, failingTopics);
                        if (!awaitAnswers(wave.values(), deadline)) {
                            // nothing of this round may go out behind the next round's copies
                            producer.discard();
                        }
                        for (Map.Entry<OutboxMessage, CompletableFuture<Void>> answer : wave.entrySet()) {
                            OutboxMessage row = answer.getKey();
                            Optional<Throwable> failure = failureOf(answer.getValue());
                            if (failure.isEmpty()) {
                                sent.add(row.id);
                            } else if (isRefusalOf(failure.get())) {
                                setAside(row, failure.get());
                                setAside++;
                            } else {
                                // the key's later rows wait for this one; its topic's are not tried again
                                unsent.add(failure.get());
                                byKey.remove(row.messageKey);
                                failingTopics.add(row.topic);
                            }
                        }
                    }
                    if (!sent.isEmpty()) {
                        // One statement for the batch: marking each entity would flush one UPDATE per row.
                        entityManager.createQuery("update OutboxMessage set sentAt = :now where id in :ids")
                                .setParameter("now", Instant.now())
                                .setParameter("ids", sent)
                                .executeUpdate();
                    }
                    return new Round(batch.size(), sent.size() + setAside, unsent);
                });
    }

    /**
     * The batch's rows by key, in the order they were written, less those that must wait: a row
     * whose key has an earlier unsent row outside the batch (held by the other service's relay, or
     * beyond this batch's reach) goes in a later round, after that row.
     */
    private Map<String, Deque<OutboxMessage>> sendableByKey(List<OutboxMessage> batch) {
        List<String> keys = batch.stream().map(row -> row.messageKey).distinct().toList();
        List<Long> ids = batch.stream().map(row -> row.id).toList();
        @SuppressWarnings("unchecked")
        List<Object[]> earliestElsewhere = entityManager.createNativeQuery(
                        "select message_key, min(id) from outbox where sent_at is null and refused_at is null"
                                + " and message_key in (:keys) and id not in (:ids) group by message_key")
                .setParameter("keys", keys)
                .setParameter("ids", ids)
                .getResultList();
        Map<String, Long> waitFrom = new HashMap<>();
        earliestElsewhere.forEach(row -> waitFrom.put((String) row[0], ((Number) row[1]).longValue()));
        Map<String, Deque<OutboxMessage>> byKey = new LinkedHashMap<>();
        for (OutboxMessage row : batch) {
            Long from = waitFrom.get(row.messageKey);
            if (from == null || row.id < from) {
                byKey.computeIfAbsent(row.messageKey, key -> new ArrayDeque<>()).add(row);
            }
        }
        return byKey;
    }

    /**
     * Sends the first row of each key: a key's next row goes in the next wave, once Kafka
     * acknowledged this one, so that a failed row is never overtaken by a later one of its key. A
     * key whose next row is of a failing topic waits whole for a later round: each send to that
     * topic would wait max.block.ms again, and the key's later rows must not overtake it.
     */
    private Map<OutboxMessage, CompletableFuture<Void>> sendNextOfEachKey(Map<String, Deque<OutboxMessage>> byKey,
            Set<String> failingTopics) {
        Map<OutboxMessage, CompletableFuture<Void>> wave = new LinkedHashMap<>();
        for (Iterator<Deque<OutboxMessage>> keys = byKey.values().iterator(); keys.hasNext(); ) {
            Deque<OutboxMessage> rows = keys.next();
            OutboxMessage row = rows.poll();
            if (rows.isEmpty() || failingTopics.contains(row.topic)) {
                keys.remove();
            }
            if (failingTopics.contains(row.topic)) {
                continue;
            }
            CompletableFuture<Void> answer = producer.send(row);
            wave.put(row, answer);
            // only a send Kafka failed at once (no metadata within max.block.ms): one still on its way is no failure yet
            if (answer.isCompletedExceptionally() && failureOf(answer).filter(failure -> !isRefusalOf(failure)).isPresent()) {
                failingTopics.add(row.topic);
            }
        }
        return wave;
    }

    /**
     * Waits for every answer until the round's deadline, or briefly once the service stops.
     *
     * @return whether every answer came
     */
    private boolean awaitAnswers(Collection<CompletableFuture<Void>> answers, long deadline)
            throws InterruptedException {
        CompletableFuture<Void> all = CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
        while (!all.isDone()) {
            long now = System.nanoTime();
            if (now >= deadline || !running && now - stoppingSince >= ANSWERS_AT_SHUTDOWN.toNanos()) {
                return false;
            }
            try {
                all.get(Math.min(ANSWER_POLL.toNanos(), deadline - now), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // Each answer is looked at on its own: one failure must not hold back the others.
            }
        }
        return true;
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

    private void purgeSent() {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("delete from outbox where sent_at < ?1")
                .setParameter(1, Instant.now().minus(config.retention()))
                .executeUpdate());
    }

    /** One batch taken from the outbox, how many of its rows were settled, and why others were not sent. */
    private record Round(int taken, int settled, List<Throwable> unsent) {
    }

    /** The batches of one wake-up: how many rows they settled, and why others were not sent. */
    private record Pass(int settled, List<Throwable> unsent) {
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
