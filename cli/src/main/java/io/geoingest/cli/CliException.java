package io.geoingest.cli;

/**
 * A failure to report to the user as one line on standard error, without a stack trace; the
 * message says what went wrong in words the user can act on.
 */
public class CliException extends RuntimeException {

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The process's exit code for this failure. */
    public int exitCode() {
        return ExitCode.FAILURE;
    }
}
