package io.geoingest.worker.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.worker.metrics.WorkerMetrics;
import io.geoingest.worker.metrics.WorkerMetrics.DeadLetterCause;
import io.geoingest.worker.processing.DeadLetterException;
import io.geoingest.worker.processing.FileProcessor;
import io.geoingest.worker.processing.ProcessingResult;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/** geoingest_dlq_events_total counts what reached the dead-letter topic, no more. */
class FileUploadedListenerTest {
    private final List<DeadLetterCause> counted = new CopyOnWriteArrayList<>();
    private final FileUploadedListener listener = new FileUploadedListener();

    FileUploadedListenerTest() {
        listener.json = new ObjectMapper();
        listener.metrics = new WorkerMetrics() {
            @Override
            public void deadLettered(DeadLetterCause cause) {
                counted.add(cause);
            }
        };
        listener.processor = new FileProcessor() {
            @Override
            public ProcessingResult process(UUID fileId, Optional<String> bucket) {
                throw new DeadLetterException("storage stayed unreachable");
            }
        };
    }

    /** A dead-letter send that failed was counted: an alert on the count pointed at a topic without the event. */
    @Test
    void anEventWhoseDeadLetterSendFailedIsNotCounted() {
        CompletableFuture<Void> sendFailed = CompletableFuture.failedFuture(new IllegalStateException("Kafka is down"));

        CompletionStage<Void> invalid = listener.onFileUploaded(Message.of("not json").withNack(reason -> sendFailed));
        CompletionStage<Void> gaveUp = listener.onFileUploaded(Message.of(event()).withNack(reason -> sendFailed));

        assertTrue(invalid.toCompletableFuture().isCompletedExceptionally(), "the failure is not hidden");
        assertTrue(gaveUp.toCompletableFuture().isCompletedExceptionally(), "the failure is not hidden");
        assertEquals(List.of(), counted);
    }

    @Test
    void anEventIsCountedOnceItsDeadLetterIsSent() {
        CompletableFuture<Void> invalidSent = new CompletableFuture<>();
        CompletableFuture<Void> gaveUpSent = new CompletableFuture<>();

        listener.onFileUploaded(Message.of("not json").withNack(reason -> invalidSent));
        listener.onFileUploaded(Message.of(event()).withNack(reason -> gaveUpSent));
        assertEquals(List.of(), counted, "not before the sends are done");
        invalidSent.complete(null);
        assertEquals(List.of(DeadLetterCause.INVALID_EVENT), counted);
        gaveUpSent.complete(null);

        assertEquals(List.of(DeadLetterCause.INVALID_EVENT, DeadLetterCause.GAVE_UP), counted);
    }

    private static String event() {
        return "{\"fileId\": \"" + UUID.randomUUID() + "\"}";
    }
}
