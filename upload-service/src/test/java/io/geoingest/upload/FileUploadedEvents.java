package io.geoingest.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.event.Topics;
import io.geoingest.testing.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the {@code file-uploaded} topic as the processing worker does, with a consumer of its own. */
public final class FileUploadedEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FileUploadedEvents() {
    }

    /** The event published for {@code fileId} (its key and JSON value), waiting for it up to {@code timeout}. */
    public static ConsumerRecord<String, JsonNode> await(UUID fileId, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "upload-service-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.FILE_UPLOADED));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode value = parse(record.value());
                    if (fileId.toString().equals(value.path("fileId").asText())) {
                        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.key(), value);
                    }
                }
            }
        }
        throw new AssertionError("no file-uploaded event for " + fileId + " within " + timeout);
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
