package io.geoingest.cli;

/** The command was called wrongly or without what it needs (a server URL, an API key). */
public class UsageException extends CliException {

    public UsageException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return ExitCode.USAGE;
    }
}
