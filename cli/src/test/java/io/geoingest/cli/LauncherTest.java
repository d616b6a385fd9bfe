package io.geoingest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher script cli/geoingest, run with a java that only tells how it was started. */
class LauncherTest {

    @TempDir
    Path work;

    /** GEOINGEST_CLI_JAVA_OPTS replaced the defaults: a trust store set there dropped the heap limit with them. */
    @Test
    void optionsOfTheUserComeAfterTheDefaultsAndStderrIsToldApart() throws Exception {
        List<String> arguments = launch(Map.of("GEOINGEST_CLI_JAVA_OPTS", "-Djavax.net.ssl.trustStore=/etc/ca.p12 -Xmx1g"))
                .get(0).lines().toList();

        assertEquals(List.of("-Xmx256m", "-XX:+UseSerialGC", "-Xshare:auto", "-Djavax.net.ssl.trustStore=/etc/ca.p12",
                "-Xmx1g", "-Dgeoingest.stderr.tty=false", "-jar", work.resolve("cli/target/geoingest-cli.jar").toString(),
                "status", "42"), arguments);
    }

    /** Without a locale (Docker, cron) Java 17 cannot name é.tif: the launcher takes C.UTF-8 where there is one. */
    @Test
    void withoutAUtf8LocaleTheLauncherTakesCUtf8() throws Exception {
        assumeTrue(run(List.of("sh", "-c", "locale -a | grep -Eqix 'c\\.utf-?8'"), Map.of()) == 0, "the system has C.UTF-8");

        assertEquals("LC_ALL=C.UTF-8", launch(Map.of()).get(1));
        assertEquals("LC_ALL=", launch(Map.of("LANG", "C.UTF-8")).get(1), "a UTF-8 locale is left as it is");
    }

    /** What the fake java was given: its arguments a line each, then the LC_ALL it saw. */
    private List<String> launch(Map<String, String> variables) throws Exception {
        Path script = Files.createDirectories(work.resolve("cli")).resolve("geoingest");
        Files.copy(Path.of("geoingest"), script, StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(work.resolve("cli/target"));
        Files.writeString(work.resolve("cli/target/geoingest-cli.jar"), "");
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + work.resolve("args")
                + "'\necho \"LC_ALL=${LC_ALL:-}\" > '" + work.resolve("locale") + "'\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> environment = new HashMap<>(variables);
        environment.put("PATH", bin + ":" + System.getenv("PATH"));
        assertEquals(0, run(List.of("bash", script.toString(), "status", "42"), environment));
        return List.of(Files.readString(work.resolve("args")), Files.readString(work.resolve("locale")).strip());
    }

    /** Runs a command with only {@code variables} and PATH set, as in a bare container; stderr goes to a file. */
    private int run(List<String> command, Map<String, String> variables) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(work.resolve("stderr").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().putAll(variables);
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
