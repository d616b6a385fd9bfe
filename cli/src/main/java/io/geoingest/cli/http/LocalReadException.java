package io.geoingest.cli.http;

import io.geoingest.cli.CliException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The file being sent could not be read: no server or connection is to blame, so the request is
 * not sent again, which would read the same file again.
 */
public final class LocalReadException extends CliException {

    LocalReadException(Path file, String problem, Throwable cause) {
        super("cannot read " + file + ": " + problem, cause);
    }

    /**
     * The {@link IOException} a request body's stream throws for it, which the HTTP client hands
     * back as the failure of the exchange.
     */
    static final class Failure extends IOException {
        private final Path file;

        Failure(Path file, String problem, Throwable cause) {
            super(problem, cause);
            this.file = file;
        }

        LocalReadException toException() {
            return new LocalReadException(file, getMessage(), this);
        }
    }
}
