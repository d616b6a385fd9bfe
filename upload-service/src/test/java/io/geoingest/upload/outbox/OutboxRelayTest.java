package io.geoingest.upload.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.outbox.OutboxRelay;
import io.geoingest.testing.TestInfrastructure;
import io.geoingest.upload.FileRows;
import io.geoingest.upload.Metrics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The relay against a real broker that stops, and against rows another relay holds: what consumers
 * of the topics receive. Each test publishes to a topic of its own, written straight into the outbox.
 * The relay runs with the services' settings (no profile of its own, so no restart of Quarkus).
 */
@QuarkusTest
class OutboxRelayTest {

    /** More than a round could try one by one while each waits max.block.ms for a broker. */
    private static final int EVENTS = 100;
    private static final String FAILED_PASSES = "geoingest_outbox_failed_passes_total";

    @Inject
    OutboxRelay relay;

    @Test
    void eventsWrittenWhileKafkaIsDownGoOutOnceEachWhenItIsBack() throws Exception {
        String topic = "relay-outage-" + UUID.randomUUID();
        // made beforehand: the relay's first send after the outage waits for no topic creation
        createTopic(topic);
        TestInfrastructure infrastructure = TestInfrastructure.get();
        List<Long> ids = new ArrayList<>();
        infrastructure.stopKafka();
        try {
            double failedBefore = Metrics.sum(FAILED_PASSES);
            for (int n = 0; n < EVENTS; n++) {
                ids.add(insert(topic, "file-" + n, "upload-service"));
            }
            relay.wakeUp();
            // one is enough: a relay that kept what a given-up round queued sent each event once more
            awaitCondition("a pass that gave up while the broker is away", Duration.ofSeconds(120),
                    () -> Metrics.sum(FAILED_PASSES) >= failedBefore + 1);
            assertEquals(EVENTS, unsent(ids), "nothing is sent while Kafka is down");
        } finally {
            infrastructure.startKafka();
        }
        // now, not at the end of a pause grown through the outage, and all at once: a relay that took
        // every send still on its way for a failure sent one event a second
        relay.wakeUp();
        awaitSent(ids, Duration.ofSeconds(30));

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

    @Test
    void aTopicKafkaCannotTakeHoldsBackOnlyItsOwnEventsAndTheLaterOnesOfTheirFiles() throws Exception {
        // not a valid topic name: every send to it fails at once, as to a topic missing or not authorised
        String failing = "relay failing " + UUID.randomUUID();
        String topic = "relay-others-" + UUID.randomUUID();
        String stuckFile = UUID.randomUUID().toString();
        List<Long> held = new ArrayList<>();
        try {
            held.add(insert(failing, stuckFile, "upload-service"));
            held.add(insert(topic, stuckFile, "upload-service"));
            List<Long> others = new ArrayList<>();
            for (int n = 0; n < 5; n++) {
                others.add(insert(topic, UUID.randomUUID().toString(), "upload-service"));
            }
            relay.wakeUp();
            awaitSent(others, Duration.ofSeconds(60));
            assertEquals(2, unsent(held), "the failing event, and the later one of its file, wait");
            assertEquals(others.size(), records(topic, others.size()).size(), "only the other files' events went out");
        } finally {
            FileRows.execute("delete from outbox where id = any (?)", (Object) held.toArray(Long[]::new));
        }
    }

    /**
     * The relay's look for earlier unsent rows of its batch's keys, on an outbox of 100,000 unsent
     * rows (rolled back): on the index of unsent rows by key, not a scan of every unsent row.
     */
    @Test
    void earlierRowsOfABatchsKeysAreFoundOnAnIndex() throws Exception {
        try (Connection connection = TestInfrastructure.get().connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute("insert into outbox (topic, message_key, payload, created_at)"
                        + " select 'relay-plan', 'file-' || n % 20000, '{}'::jsonb, now() from generate_series(1, 100000) n");
                statement.execute("analyze outbox");
                // the relay's batch: its keys and ids as the lists of values the relay binds
                List<String> keys = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                try (ResultSet batch = statement.executeQuery("select id, message_key from outbox"
                        + " where sent_at is null and refused_at is null order by id limit 500")) {
                    while (batch.next()) {
                        ids.add(Long.toString(batch.getLong(1)));
                        keys.add("'" + batch.getString(2) + "'");
                    }
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet lines = statement.executeQuery("explain select message_key, min(id) from outbox"
                        + " where sent_at is null and refused_at is null and message_key in (" + String.join(", ", keys)
                        + ") and id not in (" + String.join(", ", ids) + ") group by message_key")) {
                    while (lines.next()) {
                        plan.append(lines.getString(1)).append('\n');
                    }
                }
                assertTrue(plan.toString().contains("outbox_unsent_key_idx"), () -> "the plan: " + plan);
            } finally {
                connection.rollback();
            }
        }
    }

    private static void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
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

    private static void awaitCondition(String what, Duration timeout, BooleanSupplier until)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!until.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, () -> "waited for " + what);
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
