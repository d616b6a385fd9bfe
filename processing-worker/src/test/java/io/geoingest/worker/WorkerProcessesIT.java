package io.geoingest.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.geoingest.common.event.Topics;
import io.geoingest.testing.Await;
import io.geoingest.testing.TestInfrastructure;
import io.geoingest.testing.TestTokens;
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
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
 * SIGKILL in the middle of a file, and a worker stopped with SIGTERM in the middle of one. Storage
 * reads go through a proxy that slows them down, so that "in the middle" lasts long enough.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerProcessesIT {
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final int FILE_SIZE = 6 * 1024 * 1024;
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
        Process killed = startWorker("killed");
        UUID first = UUID.randomUUID();
        byte[] content = queueFile(first);
        awaitTrue("the first worker to claim the file", () -> "IN_PROGRESS".equals(row(first).get("status")));
        Thread.sleep(1000);
        killed.destroyForcibly();
        assertTrue(killed.waitFor(10, TimeUnit.SECONDS), "SIGKILL ends the worker");
        assertEquals("IN_PROGRESS", row(first).get("status"), "the dead worker left the file claimed");

        storage.throttle(0);
        Process stopped = startWorker("successor");
        awaitTrue("the file of the killed worker to be completed", () -> "COMPLETED".equals(row(first).get("status")));
        Map<String, Object> done = row(first);
        assertEquals(2, done.get("attempts"), "claimed by the dead worker, then by its successor");
        assertEquals(sha256Multihash(content), done.get("checksum"));
        assertEquals(1, completedEvents(first), "completed once");

        storage.throttle(SLOW_READ);
        UUID second = UUID.randomUUID();
        queueFile(second);
        awaitTrue("the successor to claim the second file", () -> "IN_PROGRESS".equals(row(second).get("status")));
        stopped.destroy();
        assertTrue(stopped.waitFor(30, TimeUnit.SECONDS), "SIGTERM stops the worker within its shutdown grace");
        Map<String, Object> released = row(second);
        assertEquals("QUEUED", released.get("status"), "the unfinished file went back to the queue");
        assertNull(released.get("lease_until"));

        storage.throttle(0);
        startWorker("next");
        awaitTrue("the released file to be completed", () -> "COMPLETED".equals(row(second).get("status")));
        assertEquals(1, completedEvents(second));
    }

    private Process startWorker(String name) throws IOException, InterruptedException {
        Map<String, String> config = new HashMap<>(infrastructure.quarkusConfig());
        config.putAll(TestTokens.quarkusConfig());
        config.put("quarkus.s3.endpoint-override", storage.endpoint().toString());
        config.put("quarkus.http.port", "0");
        config.put("geoingest.worker.lease", "3s");
        config.put("geoingest.worker.sweep.interval", "1s");
        config.put("geoingest.worker.sweep.queued-after", "5s");
        config.put("geoingest.worker.shutdown-grace", "1s");
        // A killed worker leaves the consumer group after this long, so its partitions move on quickly.
        config.put("mp.messaging.incoming.file-uploaded.session.timeout.ms", "6000");
        // Options that start a JVM quickly: three workers start in this test.
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
    private byte[] queueFile(UUID fileId) throws SQLException {
        byte[] content = new byte[FILE_SIZE];
        new Random(fileId.getMostSignificantBits()).nextBytes(content);
        String key = "files/" + fileId + "/scene.bin";
        try (S3Client s3 = infrastructure.s3Client()) {
            s3.putObject(request -> request.bucket(TestInfrastructure.BUCKET).key(key), RequestBody.fromBytes(content));
        }
        try (Connection connection = infrastructure.connect();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into file (id, original_name, object_key, size, source_type, status, owner, created_at, updated_at)
                        values (?, 'scene.bin', ?, ?, 'UNKNOWN', 'QUEUED', 'it', ?, ?)""")) {
            Timestamp now = Timestamp.from(Instant.now());
            insert.setObject(1, fileId);
            insert.setString(2, key);
            insert.setLong(3, content.length);
            insert.setTimestamp(4, now);
            insert.setTimestamp(5, now);
            insert.executeUpdate();
        }
        String event = String.format("{\"fileId\":\"%s\",\"bucket\":\"%s\",\"key\":\"%s\",\"size\":%d,"
                + "\"sourceType\":\"UNKNOWN\",\"owner\":\"it\",\"at\":\"%s\"}", fileId, TestInfrastructure.BUCKET, key,
                content.length, Instant.now());
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.FILE_UPLOADED, fileId.toString(), event)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send the event", e);
        }
        return content;
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
