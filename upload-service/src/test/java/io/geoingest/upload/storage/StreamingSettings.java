package io.geoingest.upload.storage;

import io.quarkus.runtime.configuration.MemorySize;
import java.time.Duration;

/** A {@link StreamingConfig} of a test's own, for a {@link StreamedObjects} built apart from the service's. */
record StreamingSettings(MemorySize partSize, int buffers, Duration bufferWait, int partsInFlight, boolean onePut)
        implements StreamingConfig {

    static StreamingSettings of(StreamingConfig configured) {
        return new StreamingSettings(configured.partSize(), configured.buffers(), configured.bufferWait(),
                configured.partsInFlight(), configured.onePut());
    }

    StreamingSettings withOnePut(boolean onePut) {
        return new StreamingSettings(partSize, buffers, bufferWait, partsInFlight, onePut);
    }

    StreamingSettings withBuffers(int buffers, Duration bufferWait) {
        return new StreamingSettings(partSize, buffers, bufferWait, partsInFlight, onePut);
    }
}
