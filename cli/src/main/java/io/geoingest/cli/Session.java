package io.geoingest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.cli.config.Connection;
import io.geoingest.cli.file.FileApi;
import io.geoingest.cli.http.Transport;
import io.geoingest.cli.progress.ConsoleProgress;
import io.geoingest.cli.progress.Progress;
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

    /** A progress bar when a person watches on a terminal; nothing otherwise. */
    public Progress progress(String task, long total, long done) {
        if (quiet || !environment.interactive()) {
            return Progress.none();
        }
        return new ConsoleProgress(environment.err(), task, total, done);
    }
}
