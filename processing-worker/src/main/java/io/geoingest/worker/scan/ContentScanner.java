package io.geoingest.worker.scan;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads a stored object exactly once: the media type from the first bytes, then every byte through
 * the pass's {@link StreamStep}s (size and SHA-256 today; format readers can join the same pass).
 */
@ApplicationScoped
public class ContentScanner {
    private static final int READ_BUFFER = 64 * 1024;

    private final MediaTypeDetector mediaTypes = new MediaTypeDetector();

    /**
     * @param object   the object's bytes, read to the end but not closed
     * @param fileName the name the file was uploaded with, a hint for the media type
     * @param progress called after every buffer read, so a long read can keep its lease
     */
    public ContentFacts scan(InputStream object, String fileName, Runnable progress) throws IOException {
        BufferedInputStream stream = new BufferedInputStream(object, READ_BUFFER);
        String mediaType = mediaTypes.detect(stream, fileName);
        ByteCounter size = new ByteCounter();
        Sha256Step checksum = new Sha256Step();
        pass(stream, List.of(size, checksum), progress);
        return new ContentFacts(size.count(), checksum.multihashHex(), mediaType);
    }

    private static void pass(InputStream stream, List<StreamStep> steps, Runnable progress) throws IOException {
        byte[] buffer = new byte[READ_BUFFER];
        int read;
        while ((read = stream.read(buffer)) != -1) {
            for (StreamStep step : steps) {
                step.update(buffer, 0, read);
            }
            progress.run();
        }
    }
}
