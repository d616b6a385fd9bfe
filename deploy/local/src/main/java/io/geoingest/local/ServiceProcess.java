package io.geoingest.local;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One service running as its own JVM from its packaged jar, logging to a file. */
final class ServiceProcess {
    /** A line of the JVM's unified logging about the class-data archive or AOT cache: [0.532s][warning][cds] ... */
    private static final Pattern CLASS_DATA_MESSAGE = Pattern.compile("\\[[^]]*\\]\\[[a-z]+ *\\]\\[(cds|aot)");
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    /** Read from the end of a log for its tail: enough for the class-data warnings a failed first start writes. */
    private static final int TAIL_PIECE = 64 * 1024;
    private static final long LONGEST_TAIL_READ = 4L * 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Service service;
    private final Process process;
    private final Path log;
    private final Path pidFile;
    private final int port;
    private final ClassDataArchive classData;
    private final Instant startedAt = Instant.now();

    private ServiceProcess(Service service, Process process, Path log, Path pidFile, int port,
            ClassDataArchive classData) {
        this.service = service;
        this.process = process;
        this.log = log;
        this.pidFile = pidFile;
        this.port = port;
        this.classData = classData;
    }

    static ServiceProcess start(Service service, Settings settings, Map<String, String> environment) throws IOException {
        Path target = settings.root().resolve(service.moduleName()).resolve("target");
        Path jar = target.resolve("quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(service.moduleName() + " is not built: " + jar + " is missing");
        }
        List<String> serviceOptions = List.of(settings.javaOptions().trim().split("\\s+"));
        ClassDataArchive classData = ClassDataArchive.of(jar.getParent(), target.resolve("class-data"),
                service.moduleName(), serviceOptions);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(serviceOptions);
        command.addAll(classData.javaOptions());
        command.addAll(List.of("-jar", jar.toString()));
        Path log = log(service, settings);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        Path pidFile = settings.pids().resolve(service.moduleName() + ".pid");
        // Written aside and moved in place: a restart replaces the file while others may read it.
        Path written = Files.writeString(pidFile.resolveSibling(pidFile.getFileName() + ".new"), process.pid() + "\n");
        Files.move(written, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new ServiceProcess(service, process, log, pidFile, settings.servicePorts().get(service), classData);
    }

    static Path log(Service service, Settings settings) {
        return settings.logs().resolve(service.moduleName() + ".log");
    }

    /** Waits until the service reports ready; fails early, with its log's tail, if it exits. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = health("ready");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.moduleName() + " exited with code " + process.exitValue()
                        + "; the end of " + log + ":\n" + tail(log, 30));
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep waiting until the deadline
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(service.moduleName() + " was not ready within " + timeout.toSeconds()
                + " s; the end of " + log + ":\n" + tail(log, 30));
    }

    /**
     * @return what the liveness check answers when it says the service is not live (503); empty
     *         while it is live, or does not answer (starting, or too busy to)
     */
    Optional<String> notLive() throws InterruptedException {
        HttpRequest live = health("live");
        try {
            HttpResponse<String> response = HTTP.send(live, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 503 ? Optional.of(downChecks(response.body())) : Optional.empty();
        } catch (IOException notAnswering) {
            return Optional.empty();
        }
    }

    private HttpRequest health(String check) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/" + check))
                .timeout(Duration.ofSeconds(5)).build();
    }

    /** The checks a health answer reports DOWN, with their data: {@code format-readers {"stuck":1,...}}. */
    private static String downChecks(String health) {
        try {
            return new JsonObject(health).getJsonArray("checks", new JsonArray()).stream()
                    .map(JsonObject.class::cast)
                    .filter(check -> "DOWN".equals(check.getString("status")))
                    .map(check -> check.getString("name") + " " + check.getJsonObject("data", new JsonObject()).encode())
                    .collect(Collectors.joining("; "));
        } catch (RuntimeException notHealthJson) {
            return health;
        }
    }

    /** The longest {@link #stop} takes with this grace: the wait for a clean stop, then for the kill. */
    Duration longestStop(Duration grace) {
        return classData.stopTime(grace).plus(KILL_WAIT);
    }

    /** Asks the service to stop (SIGTERM, a graceful Quarkus shutdown) and kills it if it takes too long. */
    void stop(Duration grace) throws InterruptedException {
        process.destroy();
        boolean cleanly = process.waitFor(classData.stopTime(grace).toMillis(), TimeUnit.MILLISECONDS);
        if (!cleanly) {
            process.destroyForcibly().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        try {
            classData.stopped(cleanly);
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            System.err.println("After " + service.moduleName() + " stopped: " + e.getMessage());
        }
    }

    Service service() {
        return service;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** How long it ran: until now, or until it exited if that was noticed just now. */
    Duration ranFor() {
        return Duration.between(startedAt, Instant.now());
    }

    int exitCode() {
        return process.exitValue();
    }

    /**
     * The last lines of a service's log, without the JVM's class-data messages: a first start that
     * fails still writes its archive as it exits, and its hundreds of warnings about classes it
     * skips filled the whole tail, hiding the exception that stopped the service. Read from the
     * end, at most a few MiB: a log of days can be larger than the launcher's heap.
     */
    static String tail(Path file, int lines) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long start = size;
            List<String> kept = List.of();
            while (start > 0 && size - start < LONGEST_TAIL_READ) {
                start = Math.max(0, start - TAIL_PIECE);
                ByteBuffer read = ByteBuffer.allocate((int) (size - start));
                // up to the end as it was when the tail began: a service still writing adds after it
                while (read.hasRemaining()) {
                    if (channel.read(read, start + read.position()) < 0) {
                        break;
                    }
                }
                List<String> readLines = new String(read.array(), 0, read.position(), StandardCharsets.UTF_8)
                        .lines().toList();
                // the first line read is likely a part of one, unless the read began at the start of the file
                kept = (start == 0 ? readLines : readLines.subList(Math.min(1, readLines.size()), readLines.size()))
                        .stream().filter(line -> !CLASS_DATA_MESSAGE.matcher(line).lookingAt()).toList();
                if (kept.size() >= lines) {
                    break;
                }
            }
            return String.join("\n", kept.subList(Math.max(0, kept.size() - lines), kept.size()));
        }
    }
}
