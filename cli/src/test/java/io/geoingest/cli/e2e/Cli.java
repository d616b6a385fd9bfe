package io.geoingest.cli.e2e;

import io.geoingest.cli.Environment;
import io.geoingest.cli.GeoIngest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the client: in this JVM through its main entry, or as a user does, from the built jar or script. */
final class Cli {
    static final Path JAR = Path.of("target/geoingest-cli.jar").toAbsolutePath();
    static final Path SCRIPT = Path.of("geoingest").toAbsolutePath();

    record Result(int exitCode, String out, String err) {
        String firstLine() {
            return out.lines().findFirst().orElse("");
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path workingDirectory;
    private final Map<String, String> variables;

    Cli(Path workingDirectory, Map<String, String> variables) {
        this.workingDirectory = workingDirectory;
        this.variables = variables;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Environment environment = Environment.of(variables, workingDirectory,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        int exitCode = GeoIngest.run(environment, args);
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Starts the packaged jar; its output goes to {@code name.out} and {@code name.err} in the working directory. */
    Process start(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return launch(name, command);
    }

    /** Runs the launcher script {@code cli/geoingest} to its end. */
    Result runScript(String name, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        Process process = launch(name, command);
        int exitCode = process.waitFor();
        return output(name, exitCode);
    }

    Result output(String name, int exitCode) throws IOException {
        return new Result(exitCode, Files.readString(workingDirectory.resolve(name + ".out")),
                Files.readString(workingDirectory.resolve(name + ".err")));
    }

    private Process launch(String name, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(workingDirectory.resolve(name + ".out").toFile())
                .redirectError(workingDirectory.resolve(name + ".err").toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("GEOINGEST_"));
        builder.environment().putAll(variables);
        return builder.start();
    }
}
