package io.geoingest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.testing.suite.RunningSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run.sh's checks before it starts the launcher, with a stand-in JDK whose java only says what it was asked. */
class RunShTest {
    @TempDir
    Path home;
    @TempDir
    Path jdk;

    /** After a reboot the pid was another program's, and run.sh refused to start until the file was removed. */
    @Test
    void aPidFileWhosePidIsNowAnotherProgramsIsRemovedAndTheSuiteStarts() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        try {
            Path pidFile = pidFile("launcher", unrelated.pid());

            Run run = runSh();

            assertEquals(0, run.exitCode(), run.output());
            assertTrue(run.output().contains("the launcher was started"), run.output());
            assertFalse(Files.exists(pidFile));
        } finally {
            unrelated.destroy();
        }
    }

    @Test
    void aPidFileOfAProcessOfThisSuiteStopsTheStart() throws Exception {
        Process launcher = new ProcessBuilder("bash", "-c", "sleep 60; true", home.toString()).start();
        try {
            pidFile("launcher", launcher.pid());

            Run run = runSh();

            assertEquals(1, run.exitCode(), run.output());
            assertTrue(run.output().contains("GeoIngest seems to be running already (launcher has pid " + launcher.pid()),
                    run.output());
        } finally {
            launcher.destroy();
        }
    }

    private Path pidFile(String name, long pid) throws Exception {
        Files.createDirectories(home.resolve("pids"));
        return Files.writeString(home.resolve("pids").resolve(name + ".pid"), pid + "\n");
    }

    private Run runSh() throws Exception {
        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                case "$*" in
                  *-XshowSettings*) echo '    java.specification.version = 17' >&2 ;;
                  *) echo 'the launcher was started' ;;
                esac
                """);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", RunningSuite.repositoryFile("deploy/local/run.sh").toString()))
                .redirectErrorStream(true);
        builder.environment().put("GEOINGEST_HOME", home.toString());
        builder.environment().put("JAVA_HOME", jdk.toString());
        builder.environment().put("GEOINGEST_SKIP_BUILD", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        return new Run(process.waitFor(), output);
    }

    private record Run(int exitCode, String output) {
    }
}
