package io.geoingest.local;

import io.geoingest.common.auth.Permission;
import io.geoingest.common.event.Topics;
import io.geoingest.testing.infra.ApiKeyRows;
import io.geoingest.testing.infra.DatabaseRole;
import io.geoingest.testing.infra.FreePorts;
import io.geoingest.testing.infra.KafkaBroker;
import io.geoingest.testing.infra.PostgresServer;
import io.geoingest.testing.infra.S3Server;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Exit;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs the whole suite on one machine: PostgreSQL, a Kafka broker and S3Proxy keeping their data
 * under {@code .geoingest/}, the three services as separate JVMs, and the gateway. Stays in the
 * foreground and stops everything it started on Ctrl-C or SIGTERM.
 */
public final class LocalSuite {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration FIRST_RESTART_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_RESTART_PAUSE = Duration.ofMinutes(1);
    /** A service that ran this long before it stopped is started again after the first pause. */
    private static final Duration STEADY_RUN = Duration.ofMinutes(2);
    /** Like a Kubernetes liveness probe: a service not live at this many probes in a row is restarted. */
    private static final Duration LIVENESS_PERIOD = Duration.ofSeconds(5);
    private static final int LIVENESS_FAILURES = 3;
    private static final int INFRASTRUCTURE_LOG_LIMIT = 64 * 1024 * 1024;

    private final Settings settings;
    /**
     * Held while the launcher runs: a second launcher on the same data would ruin it. Kept here, as
     * a channel no longer referenced is closed, and its lock let go, when it is collected.
     */
    private final FileLock homeLock;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    /** Stopped first, before the services, so that no request in flight through it is cut. */
    private volatile Gateway gateway;
    private final List<ServiceProcess> services = new ArrayList<>();
    /** Services the watch stopped itself, so that their restart is not reported as unexpected. */
    private final Set<Service> stoppedAsNotLive = EnumSet.noneOf(Service.class);
    private final Map<Service, Map<String, String>> environments = new EnumMap<>(Service.class);
    /** Set when the suite stops, so that the services it stops are not reported as dying. */
    private volatile boolean stopping;
    /** Set when Kafka halted: its threads wait for the exit, and a shutdown of the broker would wait for them. */
    private volatile boolean kafkaGaveUp;
    /** The log that says more when the component starting fails, if it has one of its own. */
    private volatile Optional<Path> startingLog = Optional.empty();
    /** The PostgreSQL server process, which the watch starts again if it stops. */
    private long postmaster;

    private LocalSuite(Settings settings, FileLock homeLock) {
        this.settings = settings;
        this.homeLock = homeLock;
    }

    public static void main(String[] args) {
        LocalSuite suite;
        try {
            Settings settings = Settings.fromEnvironment();
            suite = new LocalSuite(settings, lockHome(settings.home()));
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            fail(startFailure(e, Optional.empty()));
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(suite::stopAll, "geoingest-stop"));
        suite.stopWhenKafkaGivesUp();
        PostgresServer postgres;
        try {
            postgres = suite.startAll();
        } catch (StoppedWhileStarting stoppedFirst) {
            return;
        } catch (Exception e) {
            if (suite.stopping) {
                // what was starting failed because it was stopped; the stop has it in hand
                return;
            }
            fail(startFailure(e, suite.startingLog));
            return;
        }
        suite.watch(postgres);
    }

    private static void fail(String message) {
        System.err.println("GeoIngest could not start: " + message);
        System.exit(1);
    }

    /**
     * What went wrong, with every cause: the one that says why is most often the innermost (the
     * output of pg_ctl, the path access was denied to), and the log that says more.
     */
    static String startFailure(Throwable failure, Optional<Path> log) {
        StringBuilder text = new StringBuilder(Optional.ofNullable(failure.getMessage()).orElse(failure.toString()));
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.add(failure);
        for (Throwable cause = failure.getCause(); cause != null && seen.add(cause); cause = cause.getCause()) {
            text.append("\n  caused by ").append(cause.toString().strip().replace("\n", "\n    "));
        }
        log.ifPresent(file -> text.append("\nMore in ").append(file));
        return text.toString();
    }

    /**
     * Refuses a second launcher on the same data directory, whichever way it was started: two
     * PostgreSQL servers or Kafka brokers on one directory ruin it. The lock ends with the
     * process, however it ends, so a launcher that was killed leaves none behind.
     */
    static FileLock lockHome(Path home) throws IOException {
        PrivateFiles.createDirectories(home);
        Path file = home.resolve("launcher.lock");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        Optional<FileLock> lock;
        try {
            lock = Optional.ofNullable(channel.tryLock());
        } catch (OverlappingFileLockException heldInThisJvm) {
            lock = Optional.empty();
        }
        if (lock.isEmpty()) {
            channel.close();
            throw new IllegalStateException("GeoIngest is already running with its data in " + home + " (" + file
                    + " is locked). Stop it first, or set GEOINGEST_HOME to another directory");
        }
        return lock.get();
    }

    /**
     * Kafka runs in this JVM and halts it when it cannot go on, as when its log directory fails on
     * a full disk: a halt runs no shutdown hook, and left the services and PostgreSQL running with
     * no launcher and no word said. Instead the suite says why and stops as on Ctrl-C, Kafka aside.
     */
    private void stopWhenKafkaGivesUp() {
        Exit.Procedure stop = (status, message) -> {
            kafkaGaveUp = true;
            System.err.printf("%nKafka stopped working%s; GeoIngest stops. A full disk is the usual cause; more in %s%n",
                    Optional.ofNullable(message).map(reason -> " (" + reason + ")").orElse(""), infrastructureLog());
            new Thread(() -> System.exit(status == 0 ? 1 : status), "geoingest-kafka-gave-up").start();
            // Kafka does not expect the halt to return: its thread waits here for the exit
            while (true) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException keepWaiting) {
                    // the exit is on its way
                }
            }
        };
        Exit.setHaltProcedure(stop);
        Exit.setExitProcedure(stop);
    }

    /** @return the database, which the watch keeps running */
    private PostgresServer startAll() throws Exception {
        Files.createDirectories(settings.logs());
        Files.createDirectories(settings.pids());
        keepPreviousRun(infrastructureLog());
        keepPreviousRun(postgresLog());
        for (Service service : Service.values()) {
            keepPreviousRun(ServiceProcess.log(service, settings));
        }
        sendInfrastructureLogsToFile();
        checkPortsFree();
        Files.writeString(settings.pids().resolve("launcher.pid"), ProcessHandle.current().pid() + "\n");
        Secrets secrets = Secrets.loadOrCreate(settings.home());

        step("PostgreSQL", postgresLog());
        Path postgresData = settings.home().resolve("postgres");
        StartingPostgres startingPostgres = new StartingPostgres(postgresData);
        register(startingPostgres);
        PostgresServer postgres = startingPostgres.start(() -> PostgresServer.start(settings.home().resolve("bin"),
                postgresData, settings.postgresPort(), false));
        postmaster = postmasterPid();
        Files.writeString(settings.pids().resolve("postgres.pid"), postmaster + "\n");

        step("Kafka", infrastructureLog());
        KafkaBroker kafka = register(KafkaBroker.start(settings.home().resolve("kafka"), settings.kafkaPort(), false));
        KafkaBroker.createTopics(kafka.bootstrapServers(), Topics.ALL, 4);

        step("S3 storage", infrastructureLog());
        S3Server s3 = register(S3Server.start(settings.home().resolve("s3"), settings.host(), settings.s3Port(),
                secrets.s3AccessKey(), secrets.s3SecretKey(), false));
        try (S3Client client = s3.client()) {
            S3Server.ensureBucket(client, settings.bucket());
        }

        Map<String, String> environment = serviceEnvironment(postgres, kafka, s3, secrets);
        for (Service service : Service.values()) {
            step(service.moduleName(), ServiceProcess.log(service, settings));
            Map<String, String> own = new HashMap<>(environment);
            own.put("QUARKUS_HTTP_PORT", Integer.toString(settings.servicePorts().get(service)));
            own.put("QUARKUS_DATASOURCE_JDBC_NEW_CONNECTION_SQL", service.databaseRole().setRole());
            own.put("QUARKUS_SHUTDOWN_TIMEOUT", service.shutdownTimeout().toSeconds() + "s");
            if (service == Service.UPLOAD) {
                // the service that manages API keys makes the first one; the others may only read keys
                own.put("GEOINGEST_AUTH_BOOTSTRAP_ADMIN_KEY", secrets.adminKey());
            }
            environments.put(service, own);
            startService(service, own);
        }
        for (ServiceProcess service : services) {
            service.awaitReady(READY_TIMEOUT);
        }
        try (Connection connection = postgres.connect()) {
            ApiKeyRows.insert(connection, secrets.uploadKey(), "local-uploader", Permission.FILES_UPLOAD);
        }

        step("gateway", infrastructureLog());
        gateway = register(Gateway.start(settings.host(), settings.gatewayPort(), settings.servicePorts(),
                settings.gatewayLimits()));

        writeLocalEnv(postgres, kafka, s3, secrets);
        printSummary(postgres, kafka, s3);
        return postgres;
    }

    /**
     * Registers a component to be stopped with the suite, or stops it at once if the suite is
     * stopping already: Ctrl-C during a start left what was starting running.
     */
    private synchronized <T extends AutoCloseable> T register(T component) throws Exception {
        if (stopping) {
            component.close();
            throw new StoppedWhileStarting();
        }
        started.push(component);
        return component;
    }

    private synchronized void startService(Service service, Map<String, String> environment) throws IOException {
        if (stopping) {
            throw new StoppedWhileStarting();
        }
        services.add(ServiceProcess.start(service, settings, environment));
    }

    /** The start given up because the suite is stopping; the stop has said so. */
    private static final class StoppedWhileStarting extends RuntimeException {
        StoppedWhileStarting() {
            super("stopped while starting");
        }
    }

    private Map<String, String> serviceEnvironment(PostgresServer postgres, KafkaBroker kafka, S3Server s3,
            Secrets secrets) {
        Map<String, String> environment = new HashMap<>();
        environment.put("QUARKUS_HTTP_HOST", Settings.LOOPBACK);
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl());
        environment.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
        // Each service works as its own role (QUARKUS_DATASOURCE_JDBC_NEW_CONNECTION_SQL); the schema's
        // migrations run as the owner, on a connection of Flyway's own.
        environment.put("QUARKUS_FLYWAY_USERNAME", PostgresServer.USER);
        environment.put("QUARKUS_FLYWAY_PASSWORD", DatabaseRole.flywayPassword(""));
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("QUARKUS_S3_ENDPOINT_OVERRIDE", s3.endpoint().toString());
        environment.put("QUARKUS_S3_AWS_CREDENTIALS_TYPE", "static");
        environment.put("QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", secrets.s3AccessKey());
        environment.put("QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY", secrets.s3SecretKey());
        environment.put("GEOINGEST_STORAGE_BUCKET", settings.bucket());
        environment.put("GEOINGEST_STORAGE_PUBLIC_ENDPOINT", settings.s3PublicUrl());
        // a plain path: SmallRye JWT opens a file: URI's path as it is, %20 for a space and all
        environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", secrets.jwtPublicKey().toString());
        return environment;
    }

    private void writeLocalEnv(PostgresServer postgres, KafkaBroker kafka, S3Server s3, Secrets secrets)
            throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("GEOINGEST_URL", settings.gatewayUrl());
        values.put("GEOINGEST_S3_URL", settings.s3PublicUrl());
        values.put("GEOINGEST_BUCKET", settings.bucket());
        values.put("GEOINGEST_ADMIN_KEY", secrets.adminKey());
        values.put("GEOINGEST_UPLOAD_KEY", secrets.uploadKey());
        values.put("GEOINGEST_S3_ACCESS_KEY", s3.accessKey());
        values.put("GEOINGEST_S3_SECRET_KEY", s3.secretKey());
        values.put("GEOINGEST_PG_URL", postgres.jdbcUrl());
        values.put("GEOINGEST_KAFKA", kafka.bootstrapServers());
        values.put("GEOINGEST_JWT_PRIVATE_KEY", secrets.jwtPublicKey().resolveSibling("private.pem").toString());
        PrivateFiles.write(settings.home().resolve("local.env"), localEnv(values));
    }

    static String localEnv(Map<String, String> values) {
        StringBuilder text = new StringBuilder("# Written by deploy/local/run.sh; `source` it to use the suite.\n");
        values.forEach((name, value) -> text.append("export ").append(name).append('=').append(shellQuoted(value))
                .append('\n'));
        return text.toString();
    }

    /** For a POSIX shell, whatever the value holds: a data directory may have spaces or quotes in its path. */
    static String shellQuoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private void printSummary(PostgresServer postgres, KafkaBroker kafka, S3Server s3) {
        StringBuilder text = new StringBuilder("\nGeoIngest is running.\n");
        text.append(String.format("  %-18s %s%n", "gateway", settings.gatewayUrl()));
        for (ServiceProcess service : services) {
            text.append(String.format("  %-18s http://%s:%d   log: %s%n", service.service().moduleName(),
                    Settings.LOOPBACK, settings.servicePorts().get(service.service()), service.log()));
        }
        text.append(String.format("  %-18s %s%n", "PostgreSQL", postgres.jdbcUrl()));
        text.append(String.format("  %-18s %s%n", "Kafka", kafka.bootstrapServers()));
        text.append(String.format("  %-18s %s (bucket %s)%n", "S3", settings.s3PublicUrl(), settings.bucket()));
        text.append(String.format("  %-18s %s%n", "data", settings.home()));
        text.append("\nAddresses and keys: ").append(settings.home().resolve("local.env")).append("\nTry:\n")
                .append("  source ").append(shellQuoted(settings.home().resolve("local.env").toString())).append('\n')
                .append("  curl -H \"X-API-KEY: $GEOINGEST_UPLOAD_KEY\" -F file=@README.md "
                        + "\"$GEOINGEST_URL/public/file/upload?sourceType=UNKNOWN\"\n")
                .append("\nStop with Ctrl-C.\n");
        System.out.println(text);
    }

    /**
     * Stays in the foreground. A service that stops unexpectedly (a crash, or out of heap: the
     * services exit on OutOfMemoryError) is started again, as Kubernetes restarts a container: after
     * a second if it had run for a while, after a pause that doubles up to a minute if it keeps
     * stopping soon after its start. A service whose liveness check says DOWN several times in a
     * row (the worker, when a format reader it gave up on keeps running) is stopped, then started
     * again the same way. PostgreSQL, which runs detached from the launcher, is started again if
     * it stops; every service needs it.
     */
    private void watch(PostgresServer postgres) {
        Map<Service, Instant> restartAt = new EnumMap<>(Service.class);
        Map<Service, Duration> pauses = new EnumMap<>(Service.class);
        Map<Service, Integer> notLive = new EnumMap<>(Service.class);
        Instant nextProbe = Instant.now().plus(LIVENESS_PERIOD);
        Optional<Instant> postgresStartAt = Optional.empty();
        while (true) {
            if (stopping || isRunning(postmaster)) {
                postgresStartAt = Optional.empty();
            } else if (postgresStartAt.isEmpty()) {
                // a pause, as for a service: the server's own processes end once they see it gone
                System.err.printf("PostgreSQL (pid %d) stopped unexpectedly; starting it again in %d s; see %s%n",
                        postmaster, FIRST_RESTART_PAUSE.toSeconds(), postgresLog());
                postgresStartAt = Optional.of(Instant.now().plus(FIRST_RESTART_PAUSE));
            } else if (!Instant.now().isBefore(postgresStartAt.get())) {
                postgresStartAt = Optional.of(Instant.now().plus(LONGEST_RESTART_PAUSE));
                startAgain(postgres);
            }
            if (!Instant.now().isBefore(nextProbe)) {
                nextProbe = Instant.now().plus(LIVENESS_PERIOD);
                try {
                    probeLiveness(notLive);
                } catch (InterruptedException e) {
                    return;
                }
            }
            for (ServiceProcess service : List.copyOf(services)) {
                if (stopping || service.isAlive()) {
                    continue;
                }
                Service which = service.service();
                if (!restartAt.containsKey(which)) {
                    Duration pause = service.ranFor().compareTo(STEADY_RUN) >= 0 || !pauses.containsKey(which)
                            ? FIRST_RESTART_PAUSE
                            : min(pauses.get(which).multipliedBy(2), LONGEST_RESTART_PAUSE);
                    pauses.put(which, pause);
                    restartAt.put(which, Instant.now().plus(pause));
                    String stopped = stoppedAsNotLive.remove(which) ? "was stopped as not live"
                            : "stopped unexpectedly (exit code " + service.exitCode() + ")";
                    System.err.printf("%s %s; starting it again in %d s; see %s%n", which.moduleName(), stopped,
                            pause.toSeconds(), service.log());
                } else if (!Instant.now().isBefore(restartAt.get(which))) {
                    restartAt.remove(which);
                    startAgain(service);
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void probeLiveness(Map<Service, Integer> notLive) throws InterruptedException {
        for (ServiceProcess service : List.copyOf(services)) {
            if (stopping || !service.isAlive()) {
                continue;
            }
            Service which = service.service();
            Optional<String> down = service.notLive();
            if (down.isEmpty()) {
                notLive.remove(which);
            } else if (notLive.merge(which, 1, Integer::sum) >= LIVENESS_FAILURES) {
                notLive.remove(which);
                System.err.printf("%s is not live (%s); stopping it to start it again%n", which.moduleName(),
                        down.get());
                stoppedAsNotLive.add(which);
                service.stop(which.stopGrace());
            }
        }
    }

    /** Not while the suite stops, which goes through the same list. */
    private synchronized void startAgain(ServiceProcess stopped) {
        if (stopping) {
            return;
        }
        try {
            ServiceProcess started = ServiceProcess.start(stopped.service(), settings, environments.get(stopped.service()));
            services.set(services.indexOf(stopped), started);
        } catch (IOException | RuntimeException e) {
            System.err.println("could not start " + stopped.service().moduleName() + " again: " + e.getMessage());
        }
    }

    /**
     * Waits for the start, up to pg_ctl's 90 s: the services do nothing meanwhile anyway, and a stop
     * of the suite waits for it rather than leave a server it started behind.
     */
    private synchronized void startAgain(PostgresServer postgres) {
        if (stopping) {
            return;
        }
        try {
            postgres.startAgain();
            postmaster = postmasterPid();
            Files.writeString(settings.pids().resolve("postgres.pid"), postmaster + "\n");
            System.err.println("PostgreSQL is running again");
        } catch (IOException | RuntimeException e) {
            System.err.printf("could not start PostgreSQL again, trying again in %d s: %s%n",
                    LONGEST_RESTART_PAUSE.toSeconds(), startFailure(e, Optional.of(postgresLog())));
        }
    }

    private static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Stops the gateway first (new requests are told the suite is stopping, those in flight get
     * their answers), then the services, each given its shutdown timeout for what it still has in
     * flight, then what they depend on.
     */
    private void stopAll() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            // a start in progress stops what it starts from now on
            stopping = true;
            if (services.isEmpty() && started.isEmpty()) {
                return;
            }
        }
        System.out.println("\nStopping GeoIngest...");
        if (gateway != null) {
            int awaiting = gateway.awaitingAnswers();
            if (awaiting > 0) {
                System.out.printf("waiting up to %d s for the services' answers to %d request(s) in flight through"
                        + " the gateway%n", gateway.stopGrace().toSeconds(), awaiting);
            }
            close(gateway);
        }
        List<ServiceProcess> running;
        synchronized (this) {
            running = List.copyOf(services);
            services.clear();
        }
        // the services stop together, so the longest says how long the wait can be
        running.stream().max(Comparator.comparing(service -> service.longestStop(service.service().stopGrace())))
                .ifPresent(slowest -> System.out.printf("stopping %s: they finish the requests they have in flight,"
                        + " up to %d s (%s)%n", running.stream().map(service -> service.service().moduleName())
                                .collect(Collectors.joining(", ")),
                        slowest.longestStop(slowest.service().stopGrace()).toSeconds(),
                        slowest.service().moduleName()));
        List<Thread> stops = new ArrayList<>();
        for (ServiceProcess service : running) {
            Thread stop = new Thread(() -> {
                Instant began = Instant.now();
                try {
                    service.stop(service.service().stopGrace());
                    System.out.printf("  %s stopped (%d s)%n", service.service().moduleName(),
                            Duration.between(began, Instant.now()).toSeconds());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            stop.start();
            stops.add(stop);
        }
        for (Thread stop : stops) {
            try {
                stop.join();
            } catch (InterruptedException e) {
                break;
            }
        }
        // PostgreSQL may take its checkpoint, up to a minute on a slow disk
        System.out.println("stopping the storage, Kafka and PostgreSQL...");
        while (true) {
            AutoCloseable component;
            synchronized (this) {
                component = started.poll();
            }
            if (component == null) {
                break;
            }
            if (component != gateway && !(kafkaGaveUp && component instanceof KafkaBroker)) {
                close(component);
            }
        }
        deletePidFiles();
        close(homeLock);
        System.out.println("GeoIngest stopped.");
    }

    private static void close(AutoCloseable component) {
        try {
            component.close();
        } catch (Exception e) {
            System.err.println("stopping " + component.getClass().getSimpleName() + " failed: " + e.getMessage());
        }
    }

    private void deletePidFiles() {
        try (var files = Files.list(settings.pids())) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            System.err.println("could not remove pid files: " + e.getMessage());
        }
    }

    private void checkPortsFree() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("gateway (GEOINGEST_GATEWAY_PORT)", settings.gatewayPort());
        settings.servicePorts().forEach((service, port) ->
                ports.put(service.moduleName() + " (GEOINGEST_" + service.name() + "_PORT)", port));
        ports.put("PostgreSQL (GEOINGEST_PG_PORT)", settings.postgresPort());
        ports.put("Kafka (GEOINGEST_KAFKA_PORT)", settings.kafkaPort());
        ports.put("S3 (GEOINGEST_S3_PORT)", settings.s3Port());
        List<String> taken = new ArrayList<>();
        ports.forEach((name, port) -> {
            if (!FreePorts.isFree(port)) {
                taken.add(name + ": " + port);
            }
        });
        if (!taken.isEmpty()) {
            throw new IllegalStateException("ports already in use: " + String.join(", ", taken)
                    + ". Is GeoIngest already running? Otherwise choose other ports with the variables named.");
        }
    }

    private long postmasterPid() throws IOException {
        String first = Files.readAllLines(settings.home().resolve("postgres/postmaster.pid")).get(0);
        return Long.parseLong(first.trim());
    }

    private void step(String component, Path log) {
        startingLog = Optional.of(log);
        System.out.println("starting " + component + "...");
    }

    private Path infrastructureLog() {
        return settings.logs().resolve("infrastructure.log");
    }

    /** Where pg_ctl has the server write its log (PostgresServer: next to the data directory). */
    private Path postgresLog() {
        return settings.home().resolve("postgres.log");
    }

    /**
     * Keeps the log of the previous run as {@code <log>.1}, replacing the one before: appended to
     * at every start, the logs grew for as long as the suite was used. A service started again by
     * the watch goes on in the same log, which holds why it stopped.
     */
    static void keepPreviousRun(Path log) throws IOException {
        if (Files.exists(log)) {
            Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Kafka and S3Proxy log a great deal; the console keeps only what the launcher says. A run of
     * days fills the file: past its limit it starts over, keeping what is newest.
     */
    private void sendInfrastructureLogsToFile() throws IOException {
        LogManager.getLogManager().reset();
        FileHandler file = new FileHandler(infrastructureLog().toString(), INFRASTRUCTURE_LOG_LIMIT, 1, true);
        file.setFormatter(new SimpleFormatter());
        Logger root = Logger.getLogger("");
        root.addHandler(file);
        root.setLevel(Level.INFO);
    }
}
