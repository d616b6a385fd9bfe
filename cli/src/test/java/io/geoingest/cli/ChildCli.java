package io.geoingest.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The client in a JVM of its own, as a user runs it, for what only a real process shows: what it
 * says and leaves when it is stopped (Ctrl-C and a kill both run its shutdown hooks).
 */
public final class ChildCli {
    private final Process process;
    private final Path err;

    private ChildCli(Process process, Path err) {
        this.process = process;
        this.err = err;
    }

    public static ChildCli start(String serverUrl, Path work, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = Stream.concat(Stream.of(java, "-Djava.io.tmpdir=" + work, "-cp",
                System.getProperty("java.class.path"), GeoIngest.class.getName()), Stream.of(args)).toList();
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().put("GEOINGEST_URL", serverUrl);
        builder.environment().put("GEOINGEST_API_KEY", "k");
        builder.environment().put("GEOINGEST_STATE_DIR", work.resolve("state").toString());
        // a file, as a destroyed process's pipes are closed before the test could read them
        Path err = work.resolve("stderr.txt");
        builder.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            return new ChildCli(builder.start(), err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops it as a kill or Ctrl-C does, and returns what it wrote on standard error. */
    public String stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try {
            return Files.readString(err, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
