package io.geoingest.testing.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launcher that died (the suite exited before it was ready, or was killed) leaves its services
 * and PostgreSQL running; closing the suite stops them by their pid files, and only them, then
 * removes what the suite stored.
 */
class RunningSuiteTest {

    @TempDir
    Path home;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatIsLeft() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void whatADeadLauncherLeftRunningIsStoppedAndNothingElse() throws Exception {
        Process otherSuitesService = waiting(serviceJar("status-service"));
        // longer than a start time may be off, so that the launcher clearly starts after it
        Thread.sleep(2500);
        Instant launched = Instant.now();
        Process launcher = new ProcessBuilder("true").start();
        launcher.waitFor();
        Process postgres = waiting(home.resolve("postgres").toString());
        Process service = waiting(serviceJar("upload-service"));
        Process stranger = waiting("no mark of this suite");
        Files.createDirectories(home.resolve("pids"));
        writePid("postgres", postgres);
        writePid("upload-service", service);
        writePid("status-service", otherSuitesService);
        writePid("processing-worker", stranger);

        new RunningSuite(Map.of(), home, home.resolve("run.out"), launcher, launched).close();

        assertTrue(postgres.waitFor(10, TimeUnit.SECONDS), "PostgreSQL of the dead launcher is stopped");
        assertTrue(service.waitFor(10, TimeUnit.SECONDS), "a service of the dead launcher is stopped");
        assertTrue(otherSuitesService.isAlive(), "a service that started before the launcher is another suite's");
        assertTrue(stranger.isAlive(), "a process whose command line names neither this home nor a service is left alone");
    }

    @Test
    void closingRemovesWhatTheSuiteStoredAndKeepsItsOutputAndLogs() throws Exception {
        Instant launched = Instant.now();
        Process launcher = new ProcessBuilder("true").start();
        launcher.waitFor();
        for (String store : List.of("bin/bin", "postgres/base", "kafka/file-uploaded-0", "s3/geoingest")) {
            Files.writeString(Files.createDirectories(home.resolve(store)).resolve("data"), "stored");
        }
        Files.writeString(Files.createDirectories(home.resolve("logs")).resolve("upload-service.log"), "log");
        Files.writeString(home.resolve("run.out"), "output");

        new RunningSuite(Map.of(), home, home.resolve("run.out"), launcher, launched).close();

        try (Stream<Path> left = Files.list(home)) {
            assertEquals(List.of("logs", "run.out"), left.map(path -> path.getFileName().toString()).sorted().toList());
        }
        assertTrue(Files.exists(home.resolve("logs/upload-service.log")));
    }

    /** One process (bash's own read, no child) whose command line names {@code mark}; it waits on its input until stopped. */
    private Process waiting(String mark) throws IOException {
        Process process = new ProcessBuilder("bash", "-c", "read", mark).start();
        started.add(process);
        return process;
    }

    private static String serviceJar(String module) {
        return RunningSuite.repositoryFile(module + "/target/quarkus-app/quarkus-run.jar").toString();
    }

    private void writePid(String name, Process process) throws IOException {
        Files.writeString(home.resolve("pids").resolve(name + ".pid"), process.pid() + "\n");
    }
}
