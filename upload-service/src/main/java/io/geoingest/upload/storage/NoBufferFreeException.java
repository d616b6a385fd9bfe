package io.geoingest.upload.storage;

import java.time.Duration;

/** No buffer to read an upload into freed within the wait allowed; nothing of the upload was kept in storage. */
public class NoBufferFreeException extends RuntimeException {
    private final Duration waited;

    public NoBufferFreeException(Duration waited) {
        super("no buffer freed within " + waited, null, false, false);
        this.waited = waited;
    }

    public Duration waited() {
        return waited;
    }
}
