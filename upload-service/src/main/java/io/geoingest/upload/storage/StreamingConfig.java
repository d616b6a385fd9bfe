package io.geoingest.upload.storage;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How streamed uploads are cut into storage parts, and how much memory all of them may hold at once. */
@ConfigMapping(prefix = "geoingest.upload.streaming")
public interface StreamingConfig {

    /** The size of each part sent to storage while a file arrives (S3 needs at least 5 MiB but for the last). */
    @WithDefault("8M")
    MemorySize partSize();

    /**
     * Parts held in memory at once, over all uploads: memory use is at most this times the part size.
     * Buffers are kept for reuse once allocated.
     */
    @WithDefault("16")
    int buffers();

    /**
     * How long an upload waits for its first of the {@code buffers} to free before it is answered
     * 503 (with this as Retry-After), having stored nothing: a buffer is held while a client fills
     * it, so slow clients can hold them all, and an upload must not wait on them for as long as they
     * take. An upload that has sent anything waits for its later buffers as long as it takes.
     */
    @WithDefault("10s")
    Duration bufferWait();

    /** Parts of one upload on their way to storage at once, while the next one fills. */
    @WithDefault("2")
    int partsInFlight();

    /**
     * Whether a file whose length the request tells goes to storage in one PUT as it arrives, the
     * fastest way (storage writes each byte once). That PUT waits on the client: a client that stops
     * sending for longer than storage waits for a request's bytes (S3 about 20 s, S3Proxy 30 s) fails
     * its upload. With {@code false} every file goes in parts, each filled in memory before it is
     * sent, which wait for a client as long as it takes: for slow clients or links that stall.
     */
    @WithDefault("true")
    boolean onePut();
}
