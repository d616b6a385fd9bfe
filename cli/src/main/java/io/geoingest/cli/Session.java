package io.geoingest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.cli.config.Connection;
import io.geoingest.cli.file.FileApi;
import io.geoingest.cli.http.Transport;
import io.geoingest.cli.progress.ConsoleProgress;
import io.geoingest.cli.progress.Progress;
import io.geoingest.cli.progress.ProgressLines;
import io.geoingest.cli.stac.StacApi;

/**
 * What a command that talks to the server works with: the server, the APIs on it (the file API
 * and the STAC API, on the same {@link Transport}, so they get the same retries and error
 * messages), and how loud to be.
 */
public record Session(
        Environment environment, Connection connection, Transport transport, ObjectMapper json, FileApi files,
        StacApi stac, boolean quiet) {

    /** A line on standard error for the person watching, unless {@code --quiet}. */
    public void notice(String message) {
        if (!quiet) {
            environment.err().println(message);
        }
    }

    /**
     * A progress bar when standard error is a terminal, a plain line now and then when it is not
     * (a log, a CI job), nothing with {@code --quiet}.
     */
    public Progress progress(String task, long total, long done) {
        if (quiet) {
            return Progress.none();
        }
        return environment.interactive() ? new ConsoleProgress(environment.err(), task, total, done)
                : new ProgressLines(environment.err(), task, total, done);
    }
}
