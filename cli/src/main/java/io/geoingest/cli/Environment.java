package io.geoingest.cli;

import io.geoingest.cli.config.LocalEnv;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a command may see of the world it runs in: environment variables, the working directory,
 * the local suite's settings file, the two output streams and whether a person is watching. Tests
 * run the client in-process with an environment of their own.
 *
 * @param localEnv the {@link LocalEnv#nearest nearest} {@code .geoingest/local.env} of the user's, when
 *     there is one; it is read only when a command needs what it holds
 * @param interactive true when standard error, where progress goes, is a terminal: a bar is drawn
 *     only then, as its carriage returns would fill a log with lines
 */
public record Environment(
        Map<String, String> variables, Path workingDirectory, Optional<Path> localEnv, PrintStream out,
        PrintStream err, boolean interactive) {

    /** Set by the launcher, which can ask the shell; Java 17 cannot tell whether standard error alone is a terminal. */
    static final String STDERR_TERMINAL = "geoingest.stderr.tty";

    public static Environment system() {
        return of(System.getenv(), Path.of("").toAbsolutePath(), System.out, System.err, stderrIsTerminal());
    }

    /** Without the launcher (java -jar), a console on standard input and output makes it likely. */
    static boolean stderrIsTerminal() {
        return Optional.ofNullable(System.getProperty(STDERR_TERMINAL)).map(Boolean::parseBoolean)
                .orElseGet(() -> System.console() != null);
    }

    /** The environment of a client run in {@code workingDirectory}, which finds its local.env from there. */
    public static Environment of(Map<String, String> variables, Path workingDirectory, PrintStream out, PrintStream err,
            boolean interactive) {
        return new Environment(variables, workingDirectory, LocalEnv.nearest(workingDirectory), out, err, interactive);
    }

    /** A variable's value, when it is set and not blank. */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).filter(value -> !value.isBlank());
    }

    /** A path given by the user, relative to the working directory. */
    public Path resolve(String path) {
        return workingDirectory.resolve(path).normalize();
    }
}
