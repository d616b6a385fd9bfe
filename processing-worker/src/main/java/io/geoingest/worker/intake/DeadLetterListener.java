package io.geoingest.worker.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.event.FileUploaded;
import io.geoingest.common.logging.FileLogContext;
import io.geoingest.worker.WorkerConfig;
import io.geoingest.worker.claim.FileClaims;
import io.geoingest.worker.claim.Leases;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads {@code file-uploaded-dlq} and marks each dead-lettered file FAILED with the reason the
 * record carries, unless it finished meanwhile or a worker took it over after the dead-lettering.
 * When the database is what failed, this waits (retrying with backoff) until it is reachable again:
 * the record is acknowledged only once the file's status is settled.
 */
@ApplicationScoped
public class DeadLetterListener {
    static final String CHANNEL = "dead-letters";
    private static final Logger LOG = Logger.getLogger(DeadLetterListener.class);
    private static final String REASON_HEADER = "dead-letter-reason";
    /** The attempt of the claim that gave up, on a dead letter that gave up holding one. */
    static final String CLAIM_HEADER = "geoingest-claim-attempt";

    @Inject
    ObjectMapper json;

    @Inject
    FileClaims claims;

    @Inject
    Leases leases;

    @Inject
    WorkerConfig config;

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onDeadLetter(Message<String> message) {
        Optional<UUID> fileId = fileId(message.getPayload());
        if (fileId.isEmpty()) {
            return message.ack();
        }
        Optional<IncomingKafkaRecordMetadata<?, ?>> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> (IncomingKafkaRecordMetadata<?, ?>) metadata);
        String reason = record.map(metadata -> metadata.getHeaders().lastHeader(REASON_HEADER))
                .map(Header::value)
                .map(value -> new String(value, StandardCharsets.UTF_8))
                .filter(text -> !text.isBlank())
                .orElse("processing failed and the event was dead-lettered");
        Instant deadLetteredAt = record.map(IncomingKafkaRecordMetadata::getTimestamp).orElse(Instant.now());
        OptionalInt claimAttempt = record.map(metadata -> metadata.getHeaders().lastHeader(CLAIM_HEADER))
                .map(header -> new String(header.value(), StandardCharsets.UTF_8))
                .flatMap(DeadLetterListener::attempt)
                .map(OptionalInt::of).orElse(OptionalInt.empty());
        try (FileLogContext file = FileLogContext.of(fileId.get())) {
            return settle(message, fileId.get(), reason, new FileClaims.DeadLetter(deadLetteredAt, claimAttempt));
        }
    }

    private static Optional<Integer> attempt(String text) {
        try {
            return Optional.of(Integer.parseInt(text.trim()));
        } catch (NumberFormatException notAnAttempt) {
            return Optional.empty();
        }
    }

    private CompletionStage<Void> settle(Message<String> message, UUID fileId, String reason, FileClaims.DeadLetter deadLetter) {
        Duration pause = config.retry().initialBackoff();
        while (!leases.stopping()) {
            try {
                if (claims.failDeadLettered(fileId, reason, deadLetter)) {
                    LOG.infof("File %s FAILED after its event was dead-lettered: %s", fileId, reason);
                }
                return message.ack();
            } catch (RuntimeException e) {
                LOG.warnf("Cannot record the dead-lettered file %s yet (%s); trying again in %d ms", fileId,
                        e.getMessage(), pause.toMillis());
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
                pause = pause.multipliedBy(2).compareTo(config.retry().maxBackoff()) > 0
                        ? config.retry().maxBackoff() : pause.multipliedBy(2);
            }
        }
        // Stopping: the record stays unacknowledged and is read again after the restart.
        return CompletableFuture.completedFuture(null);
    }

    /** Dead letters that are no event (they went there for that reason) concern no file. */
    private Optional<UUID> fileId(String payload) {
        try {
            FileUploaded event = json.readValue(payload, FileUploaded.class);
            return Optional.ofNullable(event).map(FileUploaded::fileId);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
