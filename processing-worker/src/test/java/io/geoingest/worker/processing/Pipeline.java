package io.geoingest.worker.processing;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.Uuids;
import io.geoingest.common.event.FileStatusChanged;
import io.geoingest.common.event.FileUploaded;
import io.geoingest.common.event.Topics;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import io.geoingest.common.file.SourceType;
import io.geoingest.common.storage.ObjectKeys;
import io.geoingest.testing.AsDatabaseOwner;
import io.geoingest.testing.Await;
import io.geoingest.testing.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Drives the worker from outside, as the upload-service and a status reader would: stores objects
 * and QUEUED file rows, sends {@code file-uploaded} events, and watches the database and Kafka.
 */
final class Pipeline implements AutoCloseable {
    static final String CONSUMER_GROUP = "processing-worker";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final ObjectMapper json;
    private final S3Client s3 = TestInfrastructure.get().s3Client();
    private final KafkaProducer<String, String> producer;
    private final Admin admin;

    Pipeline(ObjectMapper json) {
        this.json = json;
        String kafka = TestInfrastructure.get().kafkaBootstrapServers();
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka));
    }

    /**
     * A file as the upload-service leaves it: the object stored and the row QUEUED with the content's
     * size; {@code adjust} changes the row before it is stored (a wrong size, a claim by another worker).
     */
    FileRecord storedFile(String name, byte[] content, Consumer<FileRecord> adjust) {
        FileRecord file = queuedRow(name, content.length);
        adjust.accept(file);
        s3.putObject(request -> request.bucket(TestInfrastructure.BUCKET).key(file.objectKey), RequestBody.fromBytes(content));
        AsDatabaseOwner.run(file::persist);
        return file;
    }

    /** A QUEUED file row whose object was never stored. */
    FileRecord fileWithoutObject(String name, long declaredSize) {
        FileRecord file = queuedRow(name, declaredSize);
        AsDatabaseOwner.run(file::persist);
        return file;
    }

    private static FileRecord queuedRow(String name, long declaredSize) {
        FileRecord file = new FileRecord();
        file.id = UUID.randomUUID();
        file.originalName = name;
        file.objectKey = ObjectKeys.forFile(file.id, name);
        file.size = declaredSize;
        file.sourceType = SourceType.UNKNOWN;
        file.status = FileStatus.QUEUED;
        file.owner = "alice";
        file.createdAt = Instant.now();
        file.updatedAt = file.createdAt;
        return file;
    }

    /** A file stored from a fixture under {@code src/test/resources/fixtures}, declared as {@code sourceType}. */
    FileRecord storedFixture(String fixture, SourceType sourceType, Consumer<FileRecord> adjust) {
        return storedFile(fixture, fixture(fixture), row -> {
            row.sourceType = sourceType;
            adjust.accept(row);
        });
    }

    static byte[] fixture(String name) {
        try (InputStream in = Pipeline.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FileUploaded eventFor(FileRecord file) {
        return FileUploaded.of(file, TestInfrastructure.BUCKET);
    }

    RecordMetadata send(FileUploaded event) {
        try {
            return sendRaw(event.fileId().toString(), json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends the event as a service would within a trace: the W3C traceparent in the record's headers. */
    RecordMetadata sendTraced(FileUploaded event, String traceparent) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.FILE_UPLOADED,
                    event.fileId().toString(), json.writeValueAsString(event));
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
            return producer.send(record).get();
        } catch (JsonProcessingException | InterruptedException | ExecutionException e) {
            throw new IllegalStateException("could not send a test event", e);
        }
    }

    RecordMetadata sendRaw(String key, String value) {
        try {
            return producer.send(new ProducerRecord<>(Topics.FILE_UPLOADED, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("could not send a test event", e);
        }
    }

    static FileRecord reload(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> FileRecord.<FileRecord>findById(id));
    }

    FileRecord awaitTerminal(UUID id) {
        return awaitTerminal(id, TIMEOUT);
    }

    FileRecord awaitTerminal(UUID id, Duration timeout) {
        awaitTrue("file " + id + " to reach a terminal status", timeout, () -> reload(id).status.isTerminal());
        return reload(id);
    }

    /** The status events of many files, reading {@code file-status} once, once the outbox has sent them all. */
    Map<UUID, List<FileStatusChanged>> statusEventsOf(Collection<UUID> fileIds) {
        awaitTrue("the outbox to publish the events of " + fileIds.size() + " files",
                () -> unsentOutboxRows(fileIds.stream().map(UUID::toString).toArray(String[]::new)) == 0);
        Map<UUID, List<FileStatusChanged>> events = new HashMap<>();
        fileIds.forEach(id -> events.put(id, new ArrayList<>()));
        for (ConsumerRecord<String, String> record : records(Topics.FILE_STATUS, key -> true)) {
            Uuids.parse(record.key()).filter(events::containsKey).ifPresent(id -> {
                try {
                    events.get(id).add(json.readValue(record.value(), FileStatusChanged.class));
                } catch (JsonProcessingException e) {
                    throw new AssertionError("not a FileStatusChanged: " + record.value(), e);
                }
            });
        }
        return events;
    }

    /** Waits until the worker acknowledged the record: its offset is committed for the worker's group. */
    void awaitHandled(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        awaitTrue("the worker to commit offset " + record.offset() + " of " + partition, () -> {
            try {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(CONSUMER_GROUP)
                        .partitionsToOffsetAndMetadata().get().get(partition);
                return committed != null && committed.offset() > record.offset();
            } catch (InterruptedException | ExecutionException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Every event published on {@code file-status} for the file, in order, once the outbox has sent them all. */
    List<FileStatusChanged> statusEvents(UUID fileId) {
        awaitTrue("the outbox to publish the events of file " + fileId, () -> unsentOutboxRows(fileId.toString()) == 0);
        return recordsWithKey(Topics.FILE_STATUS, fileId.toString()).stream()
                .map(record -> {
                    try {
                        return json.readValue(record.value(), FileStatusChanged.class);
                    } catch (JsonProcessingException e) {
                        throw new AssertionError("not a FileStatusChanged: " + record.value(), e);
                    }
                })
                .collect(Collectors.toList());
    }

    /** Waits until the topic has at least one record with the key, and returns them all. */
    List<ConsumerRecord<String, String>> awaitRecordsWithKey(String topic, String key) {
        List<List<ConsumerRecord<String, String>>> found = new ArrayList<>();
        awaitTrue("a record with key " + key + " on " + topic, () -> {
            List<ConsumerRecord<String, String>> records = recordsWithKey(topic, key);
            found.add(records);
            return !records.isEmpty();
        });
        return found.get(found.size() - 1);
    }

    /** The records of a topic with the given key, reading everything published so far. */
    List<ConsumerRecord<String, String>> recordsWithKey(String topic, String key) {
        return records(topic, key::equals);
    }

    private List<ConsumerRecord<String, String>> records(String topic, Predicate<String> keys) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    fail("could not read " + topic + " to its end within " + TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (keys.test(record.key())) {
                        found.add(record);
                    }
                });
            }
            return found;
        }
    }

    private static long unsentOutboxRows(String... keys) {
        try (Connection connection = TestInfrastructure.get().connect();
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) from outbox where message_key = any(?) and sent_at is null")) {
            query.setArray(1, connection.createArrayOf("text", keys));
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What became of one event in the outbox. */
    record OutboxRow(boolean sent, Optional<String> refusal) {
    }

    /** The outbox's events keyed {@code key}, in the order they were written. */
    static List<OutboxRow> outboxRows(String key) {
        try (Connection connection = TestInfrastructure.get().connect();
                PreparedStatement query = connection.prepareStatement(
                        "select sent_at is not null, refusal from outbox where message_key = ? order by id")) {
            query.setString(1, key);
            List<OutboxRow> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new OutboxRow(result.getBoolean(1), Optional.ofNullable(result.getString(2))));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitTrue(String what, BooleanSupplier condition) {
        awaitTrue(what, TIMEOUT, condition);
    }

    static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
        Await.until(what, timeout, condition);
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
        s3.close();
    }
}
