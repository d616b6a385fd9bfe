package io.geoingest.cli;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** One command line run against a server, as a user in {@code work} runs it, with what it printed. */
public record CommandRun(int exitCode, String out, String err) {

    public static CommandRun of(String serverUrl, Path work, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Environment environment = new Environment(Map.of("GEOINGEST_URL", serverUrl, "GEOINGEST_API_KEY", "k"), work,
                Optional.empty(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        int exitCode = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> GeoIngest.run(environment, args));
        return new CommandRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
