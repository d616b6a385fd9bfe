package io.geoingest.worker.processing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.event.Topics;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import io.geoingest.testing.LogCapture;
import io.geoingest.testing.TestInfrastructure;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** What operators see of the worker: traces across Kafka, metrics at /q/metrics, file ids in the logs. */
@QuarkusTest
class ObservabilityTest extends PipelineTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void oneTraceFollowsTheFileFromItsEventThroughTheOutboxToItsStatusEvents() {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
        FileRecord file = pipeline.storedFile("traced.bin", randomBytes(1024), row -> {
        });

        pipeline.sendTraced(Pipeline.eventFor(file), traceparent);
        pipeline.awaitTerminal(file.id);

        List<String> stored = outboxTraceparents(file.id);
        assertEquals(2, stored.size(), "the IN_PROGRESS and COMPLETED events: " + stored);
        stored.forEach(written -> assertEquals(traceId, traceIdOf(written),
                "the outbox row continues the event's trace: " + written));
        pipeline.statusEvents(file.id);
        List<ConsumerRecord<String, String>> published = pipeline.recordsWithKey(Topics.FILE_STATUS, file.id.toString());
        assertEquals(2, published.size());
        published.forEach(record -> {
            Header header = record.headers().lastHeader("traceparent");
            assertNotNull(header, "the relay publishes the trace context with the event");
            assertEquals(traceId, traceIdOf(new String(header.value(), StandardCharsets.UTF_8)));
        });
        Pipeline.awaitTrue("the consumer and producer spans of the trace to be exported", () -> {
            List<SpanKind> kinds = spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getTraceId().equals(traceId))
                    .map(SpanData::getKind)
                    .toList();
            return kinds.contains(SpanKind.CONSUMER) && kinds.contains(SpanKind.PRODUCER);
        });
    }

    @Test
    void processingDeadLettersBacklogAndConsumerLagAreInTheMetrics() {
        FileRecord file = pipeline.storedFile("measured.bin", randomBytes(2048), row -> {
        });
        double processedBefore = metric("geoingest_processing_seconds_count", "outcome=\"completed\"").orElse(0.0);
        double deadLetteredBefore = metric("geoingest_dlq_events_total", "cause=\"invalid_event\"").orElse(0.0);

        pipeline.send(Pipeline.eventFor(file));
        FileRecord done = pipeline.awaitTerminal(file.id);
        assertEquals(FileStatus.COMPLETED, done.status, () -> "failed with: " + done.failureReason);
        pipeline.awaitHandled(pipeline.sendRaw(UUID.randomUUID().toString(), "not json"));

        String sourceType = "source_type=\"" + done.sourceType.name() + "\"";
        assertTrue(metric("geoingest_processing_seconds_count", "outcome=\"completed\"").orElse(0.0) >= processedBefore + 1,
                () -> "the completed file is counted: " + ourMetrics());
        assertTrue(metric("geoingest_processing_seconds_sum", "outcome=\"completed\"", sourceType).orElseThrow() > 0,
                "its time is recorded under its source type");
        assertEquals(deadLetteredBefore + 1, metric("geoingest_dlq_events_total", "cause=\"invalid_event\"").orElseThrow());
        assertTrue(metric("geoingest_outbox_backlog").isPresent(), "the outbox backlog is exposed");
        assertTrue(metric("kafka_consumer_fetch_manager_records_lag_max").isPresent(), "consumer lag is exposed");
    }

    /**
     * A file declared UNKNOWN was timed under the source type its content suggests when it
     * completed, and under UNKNOWN when it failed, so that no type showed both outcomes; and the
     * times had no histogram, so no percentile could be taken across workers.
     */
    @Test
    void aFailedFileIsTimedUnderTheSourceTypeItWouldHaveCompletedUnderInAHistogram() {
        String failedImages = "outcome=\"failed\"";
        String image = "source_type=\"IMAGE\"";
        double before = metric("geoingest_processing_seconds_count", failedImages, image).orElse(0.0);
        FileRecord file = pipeline.storedFile("image.png", Pipeline.fixture("image.png"),
                row -> row.expectedChecksum = "1220" + "0".repeat(64));

        pipeline.send(Pipeline.eventFor(file));
        FileRecord done = pipeline.awaitTerminal(file.id);

        assertEquals(FileStatus.FAILED, done.status);
        assertTrue(done.failureReason.startsWith("checksum mismatch"), done.failureReason);
        assertEquals(before + 1, metric("geoingest_processing_seconds_count", failedImages, image).orElse(0.0),
                () -> "the failed PNG is not timed as an IMAGE: " + ourMetrics());
        assertTrue(metric("geoingest_processing_seconds_bucket", failedImages, image, "le=\"+Inf\"").isPresent(),
                () -> "no histogram: " + ourMetrics());
        assertTrue(metric("geoingest_processing_seconds_bucket", failedImages, image, "le=\"1800.0\"").isPresent(),
                () -> "no bucket for a file of minutes: " + ourMetrics());
    }

    /** The counts of dead letters appeared with the first one, which alerts on their rise then missed. */
    @Test
    void deadLetterCountsAreThereBeforeAnyDeadLetter() {
        for (String cause : List.of("invalid_event", "gave_up")) {
            assertTrue(metric("geoingest_dlq_events_total", "cause=\"" + cause + "\"").isPresent(),
                    () -> cause + " is not counted: " + ourMetrics());
        }
    }

    @Test
    void everyLogLineAboutTheFileCarriesItsId() {
        try (LogCapture logs = LogCapture.start()) {
            FileRecord file = pipeline.storedFile("logged.bin", new byte[0], row -> {
            });
            pipeline.send(Pipeline.eventFor(file));
            assertEquals(FileStatus.FAILED, pipeline.awaitTerminal(file.id).status);
            String id = file.id.toString();
            Pipeline.awaitTrue("the worker to log the file's outcome",
                    () -> logs.lines().stream().anyMatch(line -> line.message().contains(id)));
            logs.lines().stream().filter(line -> line.message().contains(id))
                    .forEach(line -> assertEquals(id, line.fileId(), () -> "no file id in the context of " + line));
        }
    }

    /**
     * The sum of the samples of {@code name} whose labels contain all {@code labels}, exemplars after
     * the value ignored; empty when there is none.
     */
    private static Optional<Double> metric(String name, String... labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)", Pattern.MULTILINE);
        Matcher matcher = sample.matcher(text);
        Optional<Double> sum = Optional.empty();
        while (matcher.find()) {
            String found = matcher.group(1) == null ? "" : matcher.group(1);
            if (List.of(labels).stream().allMatch(found::contains)) {
                sum = Optional.of(sum.orElse(0.0) + Double.parseDouble(matcher.group(2)));
            }
        }
        return sum;
    }

    private static List<String> ourMetrics() {
        return given().get("/q/metrics").then().extract().asString().lines()
                .filter(line -> line.startsWith("geoingest_")).toList();
    }

    private static List<String> outboxTraceparents(UUID fileId) {
        try (Connection connection = TestInfrastructure.get().connect();
                PreparedStatement query = connection.prepareStatement(
                        "select traceparent from outbox where message_key = ? order by id")) {
            query.setString(1, fileId.toString());
            List<String> found = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String traceIdOf(String traceparent) {
        assertNotNull(traceparent);
        return traceparent.split("-")[1];
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
