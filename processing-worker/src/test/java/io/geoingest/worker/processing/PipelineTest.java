package io.geoingest.worker.processing;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A worker test that sends events and watches results through a {@link Pipeline} opened per test. */
abstract class PipelineTest {

    @Inject
    ObjectMapper json;

    Pipeline pipeline;

    @BeforeEach
    void connect() {
        pipeline = new Pipeline(json);
    }

    @AfterEach
    void disconnect() {
        pipeline.close();
    }
}
