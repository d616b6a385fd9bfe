package io.geoingest.status.stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.auth.Permission;
import io.geoingest.common.event.FileStatusChanged;
import io.geoingest.common.event.Topics;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import io.geoingest.status.TestFiles;
import io.geoingest.status.stream.EventStreamClient.Event;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.testing.TestInfrastructure;
import io.geoingest.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StatusEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static KafkaProducer<String, String> producer;

    @Inject
    ObjectMapper json;

    @TestHTTPResource("/public/file/status")
    URL statusBase;

    private final String owner = "owner-" + UUID.randomUUID();
    private final String ownerKey = TestApiKeys.uploader(owner);

    @BeforeAll
    static void connectProducer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
        }
    }

    private URI eventsOf(UUID fileId) {
        return URI.create(statusBase + "/" + fileId + "/events");
    }

    /** What the worker publishes on file-status for a change. */
    private void publish(UUID fileId, FileStatus status, String reason) throws Exception {
        String value = json.writeValueAsString(new FileStatusChanged(fileId, status, reason, null, Instant.now()));
        producer.send(new ProducerRecord<>(Topics.FILE_STATUS, fileId.toString(), value)).get(10, TimeUnit.SECONDS);
    }

    /**
     * Publishes a change until the stream shows it: right after the service started, its consumer
     * may still be joining Kafka and not see the first records. Repeats are the at-least-once
     * delivery the service must cope with anyway.
     */
    private JsonNode publishUntilReceived(EventStreamClient stream, UUID fileId, FileStatus status, String reason)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            publish(fileId, status, reason);
            Optional<Event> event = stream.poll(Duration.ofMillis(500));
            if (event.isPresent()) {
                return statusData(event.get());
            }
        }
        throw new AssertionError(status + " published for " + WAIT + " but never received");
    }

    private JsonNode statusData(Event event) throws Exception {
        assertEquals("status", event.name());
        return json.readTree(event.data());
    }

    @Test
    void followsStatusChangesFromKafkaUntilCompletedAndEnds() throws Exception {
        FileRecord file = TestFiles.save(TestFiles.file(owner, FileStatus.QUEUED));

        try (EventStreamClient stream = EventStreamClient.open(eventsOf(file.id), ownerKey)) {
            assertEquals(Optional.of("no-store"), stream.header("Cache-Control"), "a shared cache may not keep the stream");
            JsonNode initial = statusData(stream.next(WAIT));
            assertEquals(file.id.toString(), initial.get("fileId").asText());
            assertEquals("QUEUED", initial.get("status").asText());
            assertEquals(file.updatedAt.toEpochMilli(), initial.get("at").asLong());
            assertFalse(initial.has("reason"));

            JsonNode inProgress = publishUntilReceived(stream, file.id, FileStatus.IN_PROGRESS, null);
            assertEquals("IN_PROGRESS", inProgress.get("status").asText());

            publish(file.id, FileStatus.QUEUED, null);
            publish(UUID.randomUUID(), FileStatus.COMPLETED, null);
            publish(file.id, FileStatus.COMPLETED, null);

            JsonNode completed = statusData(stream.next(WAIT));
            assertEquals(file.id.toString(), completed.get("fileId").asText());
            assertEquals("COMPLETED", completed.get("status").asText());
            stream.assertEnds(WAIT);
        }
    }

    @Test
    void failureEndsTheStreamWithItsReason() throws Exception {
        FileRecord file = TestFiles.save(TestFiles.file(owner, FileStatus.IN_PROGRESS));

        try (EventStreamClient stream = EventStreamClient.open(eventsOf(file.id), ownerKey)) {
            assertEquals("IN_PROGRESS", statusData(stream.next(WAIT)).get("status").asText());

            JsonNode failed = publishUntilReceived(stream, file.id, FileStatus.FAILED, "Checksum mismatch");

            assertEquals("FAILED", failed.get("status").asText());
            assertEquals("Checksum mismatch", failed.get("reason").asText());
            stream.assertEnds(WAIT);
        }
    }

    @Test
    void alreadyCompletedFileSendsOneEventAndEnds() throws Exception {
        FileRecord file = TestFiles.save(TestFiles.file(owner, FileStatus.COMPLETED));

        try (EventStreamClient stream = EventStreamClient.open(eventsOf(file.id), ownerKey)) {
            assertEquals("COMPLETED", statusData(stream.next(WAIT)).get("status").asText());
            stream.assertEnds(WAIT);
        }
    }

    @Test
    void idleStreamIsKeptAliveAndStillEndsWhenItsEventWasMissed() throws Exception {
        FileRecord file = TestFiles.save(TestFiles.file(owner, FileStatus.IN_PROGRESS));

        try (EventStreamClient stream = EventStreamClient.open(eventsOf(file.id), ownerKey)) {
            assertEquals("IN_PROGRESS", statusData(stream.next(WAIT)).get("status").asText());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (stream.comments() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(stream.comments() > 0, "no keep-alive comment while nothing changed");

            // The change reaches the database but its event never reaches this instance.
            TestFiles.update(file.id, stored -> {
                stored.status = FileStatus.FAILED;
                stored.failureReason = "Unreadable GeoTIFF";
                stored.updatedAt = Instant.now();
            });

            JsonNode failed = statusData(stream.next(WAIT));
            assertEquals("FAILED", failed.get("status").asText());
            assertEquals("Unreadable GeoTIFF", failed.get("reason").asText());
            stream.assertEnds(WAIT);
        }
    }

    /**
     * Events had no id, so an EventSource that reconnected sent no Last-Event-ID and got the
     * status it had already seen again.
     */
    @Test
    void aReconnectingClientGetsOnlyWhatItHasNotSeen() throws Exception {
        FileRecord file = TestFiles.save(TestFiles.file(owner, FileStatus.IN_PROGRESS));
        Event seen;
        try (EventStreamClient stream = EventStreamClient.open(eventsOf(file.id), ownerKey)) {
            seen = stream.next(WAIT);
        }
        assertEquals("IN_PROGRESS", seen.id());

        try (EventStreamClient stream = EventStreamClient.reopen(eventsOf(file.id), ownerKey, seen.id())) {
            TestFiles.update(file.id, stored -> {
                stored.status = FileStatus.COMPLETED;
                stored.updatedAt = Instant.now();
            });

            Event next = stream.next(WAIT);
            assertEquals("COMPLETED", statusData(next).get("status").asText());
            assertEquals("COMPLETED", next.id());
            stream.assertEnds(WAIT);
        }
    }

    /** No content tells an EventSource to stop reconnecting; it got the last event again and again. */
    @Test
    void aClientThatSawTheLastEventIsToldThereIsNothingMore() throws Exception {
        FileRecord file = TestFiles.save(TestFiles.file(owner, FileStatus.FAILED));
        Event last;
        try (EventStreamClient stream = EventStreamClient.open(eventsOf(file.id), ownerKey)) {
            last = stream.next(WAIT);
            stream.assertEnds(WAIT);
        }

        given().header("X-API-KEY", ownerKey).header("Last-Event-ID", last.id()).accept("text/event-stream")
                .when().get("/public/file/status/{id}/events", file.id)
                .then().statusCode(204);
    }

    @Test
    void aLastEventIdThatIsNoneOfTheStreamsIsIgnored() throws Exception {
        FileRecord file = TestFiles.save(TestFiles.file(owner, FileStatus.QUEUED));

        for (String foreign : new String[] {"42", "COMPLETED"}) {
            try (EventStreamClient stream = EventStreamClient.reopen(eventsOf(file.id), ownerKey, foreign)) {
                Event first = stream.next(WAIT);
                assertEquals("QUEUED", statusData(first).get("status").asText());
                assertEquals("QUEUED", first.id());
            }
        }
    }

    /** A terminal status the file did not reach is no event of its stream: FAILED was taken as COMPLETED's end. */
    @Test
    void theOtherTerminalStatusIsNoneOfAFinishedFilesEvents() throws Exception {
        FileRecord file = TestFiles.save(TestFiles.file(owner, FileStatus.COMPLETED));

        try (EventStreamClient stream = EventStreamClient.reopen(eventsOf(file.id), ownerKey, "FAILED")) {
            Event last = stream.next(WAIT);
            assertEquals("COMPLETED", statusData(last).get("status").asText());
            stream.assertEnds(WAIT);
        }
    }

    @Test
    void adminFollowsAnyonesFile() throws Exception {
        FileRecord file = TestFiles.save(TestFiles.file(owner, FileStatus.COMPLETED));

        try (EventStreamClient stream = EventStreamClient.open(eventsOf(file.id), TestApiKeys.admin())) {
            assertEquals(file.id.toString(), statusData(stream.next(WAIT)).get("fileId").asText());
            stream.assertEnds(WAIT);
        }
    }

    @Test
    void unknownMalformedAndOthersFilesAreNotFoundBeforeAnyEvent() {
        FileRecord file = TestFiles.save(TestFiles.file(owner, FileStatus.QUEUED));
        String stranger = TestApiKeys.uploader("stranger-" + UUID.randomUUID());

        for (Object id : new Object[] {UUID.randomUUID(), "not-a-uuid"}) {
            given().header("X-API-KEY", ownerKey).when().get("/public/file/status/{id}/events", id)
                    .then().statusCode(404).contentType("application/json").body("error", equalTo("File not found"));
        }
        given().header("X-API-KEY", stranger).when().get("/public/file/status/{id}/events", file.id)
                .then().statusCode(404).contentType("application/json").body("error", equalTo("File not found"));
    }

    /** The key stops working at once: a stream it opened before does not go on for hours. */
    @Test
    void aStreamEndsOnceItsKeyIsRevokedAndCannotBeOpenedAgain() throws Exception {
        String key = TestApiKeys.uploader(owner);
        FileRecord file = TestFiles.save(TestFiles.file(owner, FileStatus.IN_PROGRESS));

        try (EventStreamClient stream = EventStreamClient.open(eventsOf(file.id), key)) {
            assertEquals("IN_PROGRESS", statusData(stream.next(WAIT)).get("status").asText());

            TestApiKeys.revoke(key);

            stream.assertEnds(WAIT);
        }
        given().header("X-API-KEY", key).when().get("/public/file/status/{id}/events", file.id)
                .then().statusCode(401);
    }

    @Test
    void aStreamEndsOnceItsTokenExpires() throws Exception {
        FileRecord file = TestFiles.save(TestFiles.file(owner, FileStatus.IN_PROGRESS));
        String token = TestTokens.expiringIn(Duration.ofSeconds(5), owner, Permission.UPLOAD);

        try (EventStreamClient stream = EventStreamClient.withToken(eventsOf(file.id), token)) {
            assertEquals("IN_PROGRESS", statusData(stream.next(WAIT)).get("status").asText());

            stream.assertEnds(WAIT);
        }
    }

    @Test
    void missingCredentialsAreUnauthorized() {
        given().when().get("/public/file/status/{id}/events", UUID.randomUUID())
                .then().statusCode(401).body("error", equalTo("Unauthorized Request"));
    }
}
