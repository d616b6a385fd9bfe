package io.geoingest.cli;

/** The client's exit codes, so scripts can tell a mistake in the call from a failure, and a failure from a wait given up. */
public final class ExitCode {
    public static final int OK = 0;
    /** The call was fine but did not succeed: a server error, a FAILED file, a lost connection. */
    public static final int FAILURE = 1;
    /** Bad arguments or missing configuration. */
    public static final int USAGE = 2;
    /**
     * The client gave up waiting while the server was still at work (a file processing, an upload
     * being assembled): the outcome is not known yet, and may still be success.
     */
    public static final int GAVE_UP_WAITING = 3;

    private ExitCode() {
    }
}
