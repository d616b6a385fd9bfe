package io.geoingest.upload;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

@ConfigMapping(prefix = "geoingest.upload")
public interface UploadConfig {

    /** The largest file {@code POST /public/file/upload} takes; larger files go through the chunked upload. */
    @WithDefault("100M")
    MemorySize directMaxSize();

    /** The largest chunk {@code POST /public/file/uploadChunk} takes: S3's maximum part size. */
    @WithDefault("5G")
    MemorySize chunkMaxSize();

    /** The largest body of any other request (the JSON calls). */
    @WithDefault("1M")
    MemorySize requestMaxSize();

    /** A chunked upload that received nothing for this long is abandoned: it is aborted and its parts removed. */
    @WithDefault("24h")
    Duration abandonAfter();

    /** How often abandoned uploads are looked for (the schedule of {@code AbandonedUploads} reads it). */
    @WithDefault("1h")
    Duration cleanupInterval();

    /**
     * The most disk the chunks arriving at once may take in the spool, together: a chunk that
     * would take more is refused with a 503 instead of filling the disk (in Kubernetes, the pod's
     * {@code emptyDir} limit, past which the pod is evicted with every upload in flight on it).
     */
    @WithDefault("10G")
    MemorySize spoolMaxSize();

    /** Where chunks are written while they arrive, before they go to storage; each is removed once it has. */
    @WithDefault("${java.io.tmpdir}/geoingest-uploads")
    Path spoolDirectory();
}
