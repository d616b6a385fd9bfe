package io.geoingest.worker.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.event.FileUploaded;
import io.geoingest.common.event.Topics;
import io.geoingest.worker.processing.FileProcessor;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Takes {@code file-uploaded} events off Kafka. A record is acknowledged when this method returns,
 * that is once the file's status is stored, and only acknowledged offsets are committed. Several
 * files are processed at once on the bounded {@code file-processing} pool; events of one file come
 * one after the other (see application.properties). A record that cannot be processed at all (not
 * an event, or the database unreachable through every retry) is acknowledged negatively and goes
 * to {@code file-uploaded-dlq}, so it never holds up the records behind it.
 */
@ApplicationScoped
public class FileUploadedListener {

    @Inject
    ObjectMapper json;

    @Inject
    FileProcessor processor;

    @Incoming(Topics.FILE_UPLOADED)
    @Blocking(value = "file-processing", ordered = false)
    public void onFileUploaded(String payload) {
        processor.process(parse(payload));
    }

    /** The exception's message becomes the dead-letter record's reason header. */
    private FileUploaded parse(String payload) {
        try {
            return json.readValue(payload, FileUploaded.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a file-uploaded event: " + e.getOriginalMessage(), e);
        }
    }
}
