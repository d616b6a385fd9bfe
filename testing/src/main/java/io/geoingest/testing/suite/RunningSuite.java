package io.geoingest.testing.suite;

import io.geoingest.testing.infra.Directories;
import io.geoingest.testing.infra.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code deploy/local/run.sh} run as a user runs it, on free ports with its data in a fresh
 * folder under the calling module's {@code target/}, from the jars this build packaged. For
 * end-to-end tests of modules built after the services.
 */
public final class RunningSuite implements AutoCloseable {
    private static final Path ROOT = findRoot();
    private static final String READY = "GeoIngest is running.";
    /**
     * How long the launcher may take to stop everything on SIGTERM: the services 15 s, plus 90 s
     * when they write their class-data archives as they exit (the first run of each build, so the
     * first end-to-end run after every build), then PostgreSQL up to a minute. Killed sooner, the
     * launcher leaves PostgreSQL running, which pg_ctl started apart from it.
     */
    public static final Duration LAUNCHER_STOP_TIME = Duration.ofMinutes(4);
    private static final Duration POSTGRES_STOP_TIME = Duration.ofSeconds(30);
    private static final Duration KILLED_SERVICE_EXIT_TIME = Duration.ofSeconds(10);
    /** How far the start time of a process may be off: Linux counts it from a boot time known to the second. */
    private static final Duration START_TIME_ERROR = Duration.ofSeconds(1);
    /**
     * What the suite stored, some 100 MB for each suite a test ran, removed once it stopped; its
     * output and logs stay with the home folder for whoever looks into a failed test.
     */
    private static final List<String> STORES = List.of("bin", "postgres", "kafka", "s3");
    /** The pid files of processes that are not the launcher's services. */
    private static final Set<String> NOT_SERVICES = Set.of("launcher.pid", "postgres.pid");

    public final Map<String, String> environment;
    public final Path home;
    public final Path output;
    public final Process process;
    /** Before the launcher started: what it started, it started later. */
    private final Instant launched;

    RunningSuite(Map<String, String> environment, Path home, Path output, Process process, Instant launched) {
        this.environment = environment;
        this.home = home;
        this.output = output;
        this.process = process;
        this.launched = launched;
    }

    /** Environment for a suite on free ports, in a new home folder; change it before {@link #launch}. */
    public static Map<String, String> freshEnvironment() throws IOException {
        Map<String, String> environment = new HashMap<>();
        List<String> names = List.of("GATEWAY", "UPLOAD", "STATUS", "WORKER", "PG", "KAFKA", "S3");
        List<Integer> ports = FreePorts.distinct(names.size());
        for (int i = 0; i < names.size(); i++) {
            environment.put("GEOINGEST_" + names.get(i) + "_PORT", Integer.toString(ports.get(i)));
        }
        environment.put("GEOINGEST_SKIP_BUILD", "1");
        Path home = Files.createTempDirectory(Path.of("target"), "local-suite-").toAbsolutePath();
        environment.put("GEOINGEST_HOME", home.toString());
        return environment;
    }

    public static RunningSuite launch(Map<String, String> environment) throws IOException {
        Path home = Path.of(environment.get("GEOINGEST_HOME"));
        Path output = home.resolve("run.out");
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("deploy/local/run.sh").toString())
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Instant launched = Instant.now();
        return new RunningSuite(environment, home, output, builder.start(), launched);
    }

    public static RunningSuite startReady() throws Exception {
        return startReady(freshEnvironment());
    }

    public static RunningSuite startReady(Map<String, String> environment) throws Exception {
        RunningSuite suite = launch(environment);
        try {
            suite.awaitReady(Duration.ofMinutes(4));
        } catch (Exception | AssertionError e) {
            suite.close();
            throw e;
        }
        return suite;
    }

    public void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.readString(output);
            if (text.contains(READY)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the suite exited with " + process.exitValue() + ":\n" + text);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not ready within " + timeout + ":\n" + Files.readString(output));
    }

    /** The variables the launcher wrote to {@code local.env}. */
    public Properties localEnv() throws IOException {
        Properties values = new Properties();
        for (String line : Files.readAllLines(home.resolve("local.env"))) {
            if (line.startsWith("export ")) {
                String assignment = line.substring("export ".length());
                int equals = assignment.indexOf('=');
                values.setProperty(assignment.substring(0, equals), assignment.substring(equals + 1).replace("'", ""));
            }
        }
        return values;
    }

    public int port(String name) {
        return Integer.parseInt(environment.get("GEOINGEST_" + name + "_PORT"));
    }

    public List<Long> pids() throws IOException {
        try (var files = Files.list(home.resolve("pids"))) {
            return files.map(RunningSuite::readPid).toList();
        }
    }

    /** @param name a process of the suite: launcher, postgres, or a service's module name */
    public long pid(String name) {
        return readPid(home.resolve("pids").resolve(name + ".pid"));
    }

    private static long readPid(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the suite as Ctrl-C would; true when it ended within the timeout. */
    public boolean stop(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A file of this repository, such as a test fixture of another module. */
    public static Path repositoryFile(String relativePath) {
        return ROOT.resolve(relativePath);
    }

    /** The checkout: the nearest folder upwards from the working directory that holds deploy/local/run.sh. */
    private static Path findRoot() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.exists(folder.resolve("deploy/local/run.sh"))) {
                return folder;
            }
        }
        throw new IllegalStateException("no deploy/local/run.sh above " + Path.of("").toAbsolutePath());
    }

    /**
     * Stops the suite as Ctrl-C would; a launcher that does not stop in time is killed. A launcher
     * that stopped everything removed its pid files; one that was killed, or died (so that
     * {@link #startReady} failed), left them, and what they name is stopped here: its services,
     * then PostgreSQL.
     */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive() && !stop(LAUNCHER_STOP_TIME)) {
            process.destroyForcibly().waitFor();
        }
        stopServicesLeftRunning();
        Optional<ProcessHandle> postgres = leftRunning(home.resolve("pids/postgres.pid"), home.toString());
        if (postgres.isPresent()) {
            stopPostgres(postgres.get());
        }
        if (postgres.map(ProcessHandle::isAlive).orElse(false)) {
            return;
        }
        STORES.forEach(store -> Directories.delete(home.resolve(store)));
    }

    /**
     * Killed, as those of a launcher that outlasted its stop time always were: their gentle stop
     * (writing class-data archives) is the launcher's to wait for. They are gone before PostgreSQL
     * is stopped, which then stops at once.
     */
    private void stopServicesLeftRunning() throws InterruptedException {
        List<ProcessHandle> services = servicePidFiles().stream()
                .flatMap(pidFile -> leftRunning(pidFile, serviceJar(pidFile)).stream())
                .toList();
        services.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle service : services) {
            try {
                service.onExit().get(KILLED_SERVICE_EXIT_TIME.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // PostgreSQL is stopped all the same; it takes longer with a client still connected
            }
        }
    }

    private List<Path> servicePidFiles() {
        try (var files = Files.list(home.resolve("pids"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".pid"))
                    .filter(file -> !NOT_SERVICES.contains(file.getFileName().toString()))
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar a service runs from, which its command line names: {@code upload-service.pid}, the upload service's. */
    private static String serviceJar(Path pidFile) {
        String module = pidFile.getFileName().toString().replaceFirst("\\.pid$", "");
        return ROOT.resolve(module).resolve("target/quarkus-app/quarkus-run.jar").toString();
    }

    /**
     * The process a pid file names, while it is still the one this launcher started: its command
     * line names {@code mark} (PostgreSQL's, the data folder in this suite's home; a service's, its
     * jar), and it started after the launcher and before the file was written. Another suite's
     * process, or one that took the pid since (pids are few and come round again), is left alone.
     */
    private Optional<ProcessHandle> leftRunning(Path pidFile, String mark) {
        Instant written;
        String pid;
        try {
            written = Files.getLastModifiedTime(pidFile).toInstant();
            pid = Files.readString(pidFile).trim();
        } catch (NoSuchFileException e) {
            // the launcher removed it meanwhile: it stopped what it names
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!pid.matches("\\d{1,18}")) {
            // read as it was being written, before anything it names was started
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(pid))
                .filter(running -> running.info().commandLine().filter(line -> line.contains(mark)).isPresent())
                .filter(running -> running.info().startInstant()
                        .filter(start -> !start.isBefore(launched.minus(START_TIME_ERROR)))
                        .filter(start -> !start.isAfter(written.plus(START_TIME_ERROR)))
                        .isPresent());
    }

    /** SIGTERM: the services are gone, so PostgreSQL shuts down at once, and cleanly. */
    private static void stopPostgres(ProcessHandle postgres) throws InterruptedException {
        postgres.destroy();
        try {
            postgres.onExit().get(POSTGRES_STOP_TIME.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            postgres.destroyForcibly();
        }
    }
}
