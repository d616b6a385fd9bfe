package io.geoingest.common.logging;

import java.util.UUID;
import org.jboss.logging.MDC;

/**
 * Puts the id of the file being handled in the log context ({@code fileId}), so that every log line
 * written meanwhile carries it: shown by the plain-text format ({@code %X{fileId}}) and a field of
 * its own in JSON logs.
 */
public final class FileLogContext implements AutoCloseable {
    public static final String KEY = "fileId";

    private final Object previous;

    private FileLogContext(String fileId) {
        previous = MDC.get(KEY);
        MDC.put(KEY, fileId);
    }

    public static FileLogContext of(UUID fileId) {
        return new FileLogContext(fileId.toString());
    }

    public static FileLogContext of(String fileId) {
        return new FileLogContext(fileId);
    }

    /** Restores what was there before, so nested contexts (a relay batch in a request) stay right. */
    @Override
    public void close() {
        if (previous == null) {
            MDC.remove(KEY);
        } else {
            MDC.put(KEY, previous);
        }
    }
}
