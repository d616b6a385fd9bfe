package io.geoingest.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.geoingest.common.event.Topics;
import io.geoingest.testing.Await;
import io.geoingest.testing.Signal;
import io.geoingest.testing.TestInfrastructure;
import io.geoingest.testing.TestTokens;
import io.geoingest.testing.infra.DatabaseRole;
import io.geoingest.worker.faults.FaultyProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The packaged worker as separate processes against one set of real servers: a worker killed with
 * SIGKILL in the middle of a file, a worker stopped with SIGTERM in the middle of one, and a worker
 * paused for longer than its Kafka session. Storage reads go through a proxy that slows them down,
 * so that "in the middle" lasts long enough.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerProcessesIT {
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final int FILE_SIZE = 6 * 1024 * 1024;
    /** Read in about a second through the throttled storage. */
    private static final int HELD_FILE = 1024 * 1024;
    /** The workers' Kafka session: a worker not heard from for this long is put out of its consumer group. */
    private static final Duration SESSION = Duration.ofSeconds(6);
    private static final long SLOW_READ = 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private TestInfrastructure infrastructure;
    private FaultyProxy storage;
    private final List<Process> workers = new ArrayList<>();

    @BeforeAll
    void start() {
        assertTrue(Files.isRegularFile(JAR), "the worker is packaged before integration tests: " + JAR);
        infrastructure = TestInfrastructure.get();
        storage = new FaultyProxy(infrastructure.s3Endpoint());
    }

    @AfterEach
    void stopWorkers() throws InterruptedException {
        for (Process worker : workers) {
            worker.destroy();
            if (!worker.waitFor(30, TimeUnit.SECONDS)) {
                worker.destroyForcibly();
            }
        }
        workers.clear();
    }

    @AfterAll
    void stop() {
        storage.close();
    }

    /**
     * One story, three worker processes (each start takes seconds): the first is killed mid-file
     * and the second completes that file; the second is then stopped mid-file and releases it; the
     * third completes it.
     */
    @Test
    void filesOfKilledAndStoppedWorkersAreCompletedOnceByTheNextWorker() throws Exception {
        storage.throttle(SLOW_READ);
        Process killed = startWorker("killed", Map.of());
        UUID first = UUID.randomUUID();
        byte[] content = queueFile(first, FILE_SIZE);
        awaitTrue("the first worker to claim the file", () -> hasStatus(first, "IN_PROGRESS"));
        Thread.sleep(1000);
        killed.destroyForcibly();
        assertTrue(killed.waitFor(10, TimeUnit.SECONDS), "SIGKILL ends the worker");
        assertEquals("IN_PROGRESS", row(first).get("status"), "the dead worker left the file claimed");

        storage.throttle(0);
        Process stopped = startWorker("successor", Map.of());
        awaitTrue("the file of the killed worker to be completed", () -> hasStatus(first, "COMPLETED"));
        Map<String, Object> done = row(first);
        assertEquals(2, done.get("attempts"), "claimed by the dead worker, then by its successor");
        assertEquals(sha256Multihash(content), done.get("checksum"));
        assertEquals(1, completedEvents(first), "completed once");

        storage.throttle(SLOW_READ);
        UUID second = UUID.randomUUID();
        queueFile(second, FILE_SIZE);
        awaitTrue("the successor to claim the second file", () -> hasStatus(second, "IN_PROGRESS"));
        stopped.destroy();
        assertTrue(stopped.waitFor(30, TimeUnit.SECONDS), "SIGTERM stops the worker within its shutdown grace");
        Map<String, Object> released = row(second);
        assertEquals("QUEUED", released.get("status"), "the unfinished file went back to the queue");
        assertNull(released.get("lease_until"));

        storage.throttle(0);
        startWorker("next", Map.of());
        awaitTrue("the released file to be completed", () -> hasStatus(second, "COMPLETED"));
        assertEquals(1, completedEvents(second));
    }

    /**
     * A worker that stops running for longer than its Kafka session (a long GC pause, a frozen
     * virtual machine; here SIGSTOP) while it holds events, some of them being processed and the
     * rest waiting their turn, is put out of its consumer group. Once it runs again it must rejoin
     * and process them all. The sweeper is held back for an hour, so only the events can bring the
     * waiting files in: with per-key ordering (SmallRye's ordered=key) the consumer went on fetching
     * after such a pause but handed nothing more on, and the files stayed QUEUED.
     */
    @Test
    void aWorkerPausedLongerThanItsSessionGoesOnWithTheEventsItHeld() throws Exception {
        storage.throttle(0);
        Process worker = startWorker("paused", Map.of("geoingest.worker.sweep.queued-after", "1h"));
        UUID before = UUID.randomUUID();
        queueFile(before, HELD_FILE);
        awaitTrue("the worker to complete a file before its pause", () -> hasStatus(before, "COMPLETED"));

        List<UUID> held = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            UUID fileId = UUID.randomUUID();
            storeFile(fileId, HELD_FILE);
            held.add(fileId);
        }
        storage.throttle(SLOW_READ);
        announce(held, HELD_FILE);
        awaitTrue("the worker to be reading the first of them",
                () -> held.stream().anyMatch(fileId -> hasStatus(fileId, "IN_PROGRESS")));
        Signal.STOP.sendTo(worker.pid());
        try {
            Thread.sleep(SESSION.multipliedBy(2).toMillis());
        } finally {
            Signal.CONT.sendTo(worker.pid());
        }
        storage.throttle(0);
        awaitTrue("every file whose event the worker held to be completed",
                () -> held.stream().allMatch(fileId -> hasStatus(fileId, "COMPLETED")));
    }

    /** Starts the packaged worker; {@code overrides} replace this test's defaults. */
    private Process startWorker(String name, Map<String, String> overrides) throws IOException, InterruptedException {
        Map<String, String> config = new HashMap<>(infrastructure.quarkusConfig(DatabaseRole.WORKER));
        config.putAll(TestTokens.quarkusConfig());
        config.put("quarkus.s3.endpoint-override", storage.endpoint().toString());
        config.put("quarkus.http.port", "0");
        config.put("geoingest.worker.lease", "3s");
        config.put("geoingest.worker.sweep.interval", "1s");
        config.put("geoingest.worker.sweep.queued-after", "5s");
        config.put("geoingest.worker.shutdown-grace", "1s");
        // A killed worker leaves the consumer group after this long, so its partitions move on quickly.
        config.put("mp.messaging.incoming.file-uploaded.session.timeout.ms", Long.toString(SESSION.toMillis()));
        config.putAll(overrides);
        // Options that start a JVM quickly: four workers start in these tests.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        Path log = Path.of("target", "worker-" + name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        workers.add(process);
        awaitTrue("worker " + name + " to start (log: " + log + ")", () -> {
            if (!process.isAlive()) {
                fail("worker " + name + " exited; see " + log);
            }
            try {
                return Files.readString(log).contains("Installed features");
            } catch (IOException e) {
                return false;
            }
        });
        return process;
    }

    /** Stores the object and the QUEUED row as the upload-service does, and sends the event. */
    private byte[] queueFile(UUID fileId, int size) throws SQLException {
        byte[] content = storeFile(fileId, size);
        announce(List.of(fileId), size);
        return content;
    }

    private static String objectKey(UUID fileId) {
        return "files/" + fileId + "/scene.bin";
    }

    /** Stores random content and the file's QUEUED row; the file waits for its event. */
    private byte[] storeFile(UUID fileId, int size) throws SQLException {
        byte[] content = new byte[size];
        new Random(fileId.getMostSignificantBits()).nextBytes(content);
        try (S3Client s3 = infrastructure.s3Client()) {
            s3.putObject(request -> request.bucket(TestInfrastructure.BUCKET).key(objectKey(fileId)),
                    RequestBody.fromBytes(content));
        }
        try (Connection connection = infrastructure.connect();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into file (id, original_name, object_key, size, source_type, status, owner, created_at, updated_at)
                        values (?, 'scene.bin', ?, ?, 'UNKNOWN', 'QUEUED', 'it', ?, ?)""")) {
            Timestamp now = Timestamp.from(Instant.now());
            insert.setObject(1, fileId);
            insert.setString(2, objectKey(fileId));
            insert.setLong(3, content.length);
            insert.setTimestamp(4, now);
            insert.setTimestamp(5, now);
            insert.executeUpdate();
        }
        return content;
    }

    /** Sends the files' events at once, as the upload-service's outbox relay sends a batch. */
    private void announce(List<UUID> fileIds, int size) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (UUID fileId : fileIds) {
                String event = String.format("{\"fileId\":\"%s\",\"bucket\":\"%s\",\"key\":\"%s\",\"size\":%d,"
                        + "\"sourceType\":\"UNKNOWN\",\"owner\":\"it\",\"at\":\"%s\"}", fileId, TestInfrastructure.BUCKET,
                        objectKey(fileId), size, Instant.now());
                sent.add(producer.send(new ProducerRecord<>(Topics.FILE_UPLOADED, fileId.toString(), event)));
            }
            for (Future<RecordMetadata> record : sent) {
                record.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not send the events", e);
        }
    }

    private boolean hasStatus(UUID fileId, String status) {
        return status.equals(row(fileId).get("status"));
    }

    private Map<String, Object> row(UUID fileId) {
        try (Connection connection = infrastructure.connect();
                PreparedStatement query = connection.prepareStatement(
                        "select status, attempts, checksum, lease_until from file where id = ?")) {
            query.setObject(1, fileId);
            try (ResultSet result = query.executeQuery()) {
                assertTrue(result.next(), "no file " + fileId);
                Map<String, Object> row = new HashMap<>();
                row.put("status", result.getString("status"));
                row.put("attempts", result.getInt("attempts"));
                row.put("checksum", result.getString("checksum"));
                row.put("lease_until", result.getTimestamp("lease_until"));
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Distinct COMPLETED events for the file (the outbox may deliver one event twice; that is the same event). */
    private long completedEvents(UUID fileId) {
        awaitTrue("the outbox to send the file's events", () -> {
            try (Connection connection = infrastructure.connect();
                    PreparedStatement query = connection.prepareStatement(
                            "select count(*) from outbox where message_key = ? and sent_at is null")) {
                query.setString(1, fileId.toString());
                try (ResultSet result = query.executeQuery()) {
                    result.next();
                    return result.getLong(1) == 0;
                }
            } catch (SQLException e) {
                return false;
            }
        });
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.FILE_STATUS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> completions = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                assertFalse(System.nanoTime() > deadline, "file-status could not be read to its end");
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (fileId.toString().equals(record.key()) && record.value().contains("\"COMPLETED\"")) {
                        completions.add(record.value());
                    }
                }
            }
            return completions.stream().distinct().count();
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        Await.until(what, TIMEOUT, condition);
    }

    private static String sha256Multihash(byte[] content) throws Exception {
        return "1220" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
