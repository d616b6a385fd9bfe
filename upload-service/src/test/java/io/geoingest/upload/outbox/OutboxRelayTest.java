package io.geoingest.upload.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.outbox.OutboxRelay;
import io.geoingest.testing.TestInfrastructure;
import io.geoingest.upload.FileRows;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The relay against a real broker that stops, and against rows another relay holds: what consumers
 * of the topics receive. Each test publishes to a topic of its own, written straight into the outbox.
 */
@QuarkusTest
@TestProfile(OutboxRelayTest.ShortRounds.class)
class OutboxRelayTest {

    /**
     * A broker out of reach is given up on after a second instead of ten, a round after 25 s instead
     * of 45; a round only when the test asks for one (or after a failed one).
     */
    public static class ShortRounds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "geoingest.outbox.publish-timeout", "25s",
                    "geoingest.outbox.poll-interval", "1h",
                    "geoingest.outbox.producer.max.block.ms", "1000");
        }
    }

    /** More than a round can try one by one while each waits a second for a broker. */
    private static final int EVENTS = 100;

    @Inject
    OutboxRelay relay;

    @Test
    void eventsWrittenWhileKafkaIsDownGoOutOnceEachWhenItIsBack() throws Exception {
        String topic = "relay-outage-" + UUID.randomUUID();
        TestInfrastructure infrastructure = TestInfrastructure.get();
        List<Long> ids = new ArrayList<>();
        infrastructure.stopKafka();
        try {
            for (int n = 0; n < EVENTS; n++) {
                ids.add(insert(topic, "file-" + n, "upload-service"));
            }
            relay.wakeUp();
            // more than one round that gives up while the broker is away
            Thread.sleep(30_000);
            assertEquals(EVENTS, unsent(ids), "nothing is sent while Kafka is down");
        } finally {
            infrastructure.startKafka();
        }
        awaitSent(ids, Duration.ofSeconds(60));

        Map<String, Long> copies = records(topic, ids.size()).stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        assertEquals(EVENTS, copies.size(), () -> "every event went out: " + copies);
        copies.forEach((key, count) -> assertEquals(1, count, () -> "the event for " + key
                + " went out once, not once per round that gave up: " + copies));
    }

    @Test
    void anEventWaitsWhileAnEarlierEventOfItsFileIsHeldByTheOtherRelay() throws Exception {
        String topic = "relay-order-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        long queued = insert(topic, key, "upload-service");
        try (Connection otherRelay = TestInfrastructure.get().connect()) {
            otherRelay.setAutoCommit(false);
            try (PreparedStatement hold = otherRelay.prepareStatement("select id from outbox where id = ? for update")) {
                hold.setLong(1, queued);
                hold.executeQuery().close();
            }
            long completed = insert(topic, key, "processing-worker");
            relay.wakeUp();
            Thread.sleep(3_000);
            assertEquals(2, unsent(List.of(queued, completed)),
                    "the later event of the file is not sent while the earlier one is being sent by the other relay");
            otherRelay.rollback();
            relay.wakeUp();
            awaitSent(List.of(queued, completed), Duration.ofSeconds(20));
            List<String> order = records(topic, 2).stream().map(record -> header(record, "ce_id")).toList();
            assertEquals(List.of(Long.toString(queued), Long.toString(completed)), order, "in the order written");
        }
    }

    @Test
    void anEventIsPublishedUnderItsRowsIdAndTheServiceThatWroteIt() throws Exception {
        String topic = "relay-identity-" + UUID.randomUUID();
        long id = insert(topic, UUID.randomUUID().toString(), "processing-worker");
        relay.wakeUp();
        awaitSent(List.of(id), Duration.ofSeconds(20));

        ConsumerRecord<String, String> record = records(topic, 1).get(0);
        assertEquals(Long.toString(id), header(record, "ce_id"), "the same id whichever relay sends it");
        assertEquals("urn:geoingest:processing-worker", header(record, "ce_source"), "the writer, not the relay");
    }

    private static long insert(String topic, String key, String source) {
        String payload = "{\"fileId\": \"" + key + "\"}";
        return FileRows.count("insert into outbox (topic, message_key, payload, created_at, source)"
                + " values (?, ?, ?::jsonb, now(), ?) returning id", topic, key, payload, source);
    }

    private static long unsent(List<Long> ids) {
        return FileRows.count("select count(*) from outbox where sent_at is null and id = any (?)",
                (Object) ids.toArray(Long[]::new));
    }

    private static void awaitSent(List<Long> ids, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (unsent(ids) > 0) {
            assertTrue(System.nanoTime() < deadline, () -> unsent(ids) + " of " + ids.size() + " events still unsent");
            Thread.sleep(200);
        }
    }

    /** Every record of the topic, read until {@code atLeast} came and then nothing more for a few seconds. */
    private static List<ConsumerRecord<String, String>> records(String topic, int atLeast) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-relay-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (records.size() >= atLeast && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                }
            }
        }
        assertTrue(records.size() >= atLeast, () -> "only " + records.size() + " records on " + topic);
        return records;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
