package io.geoingest.cli.http;

import io.geoingest.cli.CliException;

/**
 * A request that failed for want of a server rather than by its answer: it could not be reached,
 * broke the connection or kept the request waiting, through every retry. What the server would
 * have answered is not known.
 */
public class ConnectionFailedException extends CliException {

    public ConnectionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
