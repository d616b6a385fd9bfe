package io.geoingest.worker.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.event.FileUploaded;
import io.geoingest.common.event.Topics;
import io.geoingest.worker.metrics.WorkerMetrics;
import io.geoingest.worker.metrics.WorkerMetrics.DeadLetterCause;
import io.geoingest.worker.processing.DeadLetterException;
import io.geoingest.worker.processing.FileProcessor;
import io.geoingest.worker.processing.ProcessingResult;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Takes {@code file-uploaded} events off Kafka. A record is acknowledged once the file's status is
 * stored, and only acknowledged offsets are committed. Several files are processed at once on the
 * bounded {@code file-processing} pool, in no particular order: a second event of a file being
 * processed finds it claimed and changes nothing. A record that is no event, or whose processing
 * gave up on a transient fault, is acknowledged negatively and goes to {@code file-uploaded-dlq}
 * with the reason, so it never holds up the records behind it. A file left unfinished because the
 * worker is stopping is not acknowledged at all: its event is delivered again, to this worker or
 * another.
 */
@ApplicationScoped
public class FileUploadedListener {
    private static final CompletionStage<Void> NOT_ACKNOWLEDGED = CompletableFuture.completedFuture(null);

    @Inject
    ObjectMapper json;

    @Inject
    FileProcessor processor;

    @Inject
    WorkerMetrics metrics;

    @Incoming(Topics.FILE_UPLOADED)
    @Blocking(value = "file-processing", ordered = false)
    public CompletionStage<Void> onFileUploaded(Message<String> message) {
        FileUploaded event;
        try {
            event = parse(message.getPayload());
        } catch (IllegalArgumentException e) {
            return deadLettered(message.nack(e), DeadLetterCause.INVALID_EVENT);
        }
        try {
            ProcessingResult result = processor.process(event.fileId(), Optional.ofNullable(event.bucket()));
            return result == ProcessingResult.DONE ? message.ack() : NOT_ACKNOWLEDGED;
        } catch (DeadLetterException e) {
            return deadLettered(message.nack(e, claimOf(e)), DeadLetterCause.GAVE_UP);
        }
    }

    /** The claim that gave up, as a header of the dead-letter record ({@link DeadLetterListener}). */
    private static Metadata claimOf(DeadLetterException e) {
        return e.claimAttempt().isEmpty() ? Metadata.empty()
                : Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(List.of(new RecordHeader(
                        DeadLetterListener.CLAIM_HEADER, Integer.toString(e.claimAttempt().getAsInt())
                                .getBytes(StandardCharsets.UTF_8)))).build());
    }

    /**
     * Counts the event once the negative acknowledgement, which sends it to the dead-letter topic,
     * succeeded: one whose send failed was counted as a dead letter that no one would find there.
     */
    private CompletionStage<Void> deadLettered(CompletionStage<Void> nack, DeadLetterCause cause) {
        return nack.thenRun(() -> metrics.deadLettered(cause));
    }

    /** The exception's message becomes the dead-letter record's reason header. */
    private FileUploaded parse(String payload) {
        FileUploaded event;
        try {
            event = json.readValue(payload, FileUploaded.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a file-uploaded event: " + e.getOriginalMessage(), e);
        }
        if (event == null || event.fileId() == null) {
            throw new IllegalArgumentException("not a file-uploaded event: it names no file (fileId is missing)");
        }
        return event;
    }
}
