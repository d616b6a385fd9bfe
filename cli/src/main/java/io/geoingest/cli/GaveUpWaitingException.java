package io.geoingest.cli;

/**
 * The client stopped waiting while the server was still at work on the user's file: it may yet
 * succeed or fail, which scripts must not take for a failure. The message says what to run later.
 */
public class GaveUpWaitingException extends CliException {

    public GaveUpWaitingException(String message) {
        super(message);
    }

    public GaveUpWaitingException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return ExitCode.GAVE_UP_WAITING;
    }
}
