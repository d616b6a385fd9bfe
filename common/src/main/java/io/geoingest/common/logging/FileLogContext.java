package io.geoingest.common.logging;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.MDC;

/**
 * Puts the id of the file being handled in the log context ({@code fileId}), so that every log line
 * written meanwhile carries it: shown by the plain-text format ({@code %X{fileId}}) and a field of
 * its own in JSON logs.
 */
public final class FileLogContext implements AutoCloseable {
    public static final String KEY = "fileId";
    private static final String REQUEST_KEY = FileLogContext.class.getName();

    private final Object previous;

    private FileLogContext(Optional<String> fileId) {
        previous = MDC.get(KEY);
        fileId.ifPresent(id -> MDC.put(KEY, id));
    }

    public static FileLogContext of(UUID fileId) {
        return of(fileId.toString());
    }

    public static FileLogContext of(String fileId) {
        return new FileLogContext(Optional.of(fileId));
    }

    /**
     * As {@link #of(UUID)}, and the request being handled (if any) keeps the id to its end: a
     * failure answered once this context is closed, by an exception mapper, is logged with it
     * ({@link #ofRequest()}).
     */
    public static FileLogContext forRequest(UUID fileId) {
        request().ifPresent(request -> request.putLocal(REQUEST_KEY, fileId.toString()));
        return of(fileId);
    }

    /** The id the request being handled keeps ({@link #forRequest}); changes nothing when it keeps none. */
    public static FileLogContext ofRequest() {
        return new FileLogContext(request().map(request -> request.getLocal(REQUEST_KEY)));
    }

    /** Each request runs on a duplicated context of its own, which lives as long as the request. */
    private static Optional<Context> request() {
        Context context = Vertx.currentContext();
        return context != null && VertxContext.isDuplicatedContext(context) ? Optional.of(context) : Optional.empty();
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
