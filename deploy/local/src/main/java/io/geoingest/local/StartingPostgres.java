package io.geoingest.local;

import io.geoingest.testing.infra.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * PostgreSQL, to be stopped from before its start: pg_ctl detaches the server it starts from the
 * terminal, so Ctrl-C during the start (which ends pg_ctl, and so the start, with an error) left the
 * server running with no one to stop it.
 */
final class StartingPostgres implements AutoCloseable {
    /** pg_ctl's own wait (-t 90) and a first run's initdb. */
    private static final Duration START_TIME = Duration.ofMinutes(4);
    /** After pg_ctl ended, the server it had started writes its pid file within moments. */
    private static final Duration PID_FILE_WAIT = Duration.ofSeconds(5);
    private static final Duration STOP_TIME = Duration.ofMinutes(1);

    private final Path dataDirectory;
    private final CompletableFuture<PostgresServer> server = new CompletableFuture<>();

    StartingPostgres(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    PostgresServer start(Supplier<PostgresServer> start) {
        try {
            server.complete(start.get());
            return server.join();
        } catch (RuntimeException e) {
            server.completeExceptionally(e);
            throw e;
        }
    }

    /** Waits for a start in progress to end, then stops the server, whether the start said it began or not. */
    @Override
    public void close() throws InterruptedException {
        try {
            server.get(START_TIME.toMillis(), TimeUnit.MILLISECONDS).close();
        } catch (ExecutionException | TimeoutException startFailedOrHung) {
            Optional<ProcessHandle> postmaster = postmaster();
            if (postmaster.isPresent()) {
                // SIGTERM, PostgreSQL's smart shutdown: nothing is connected to it yet
                postmaster.get().destroy();
                if (!postmaster.get().onExit().completeOnTimeout(null, STOP_TIME.toMillis(), TimeUnit.MILLISECONDS)
                        .thenApply(exited -> !postmaster.get().isAlive()).join()) {
                    postmaster.get().destroyForcibly();
                }
            }
        }
    }

    /** The server of this data directory from its pid file, if that pid is a postgres still running. */
    private Optional<ProcessHandle> postmaster() throws InterruptedException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Instant deadline = Instant.now().plus(PID_FILE_WAIT);
        while (true) {
            Optional<ProcessHandle> running = readPid(pidFile).flatMap(ProcessHandle::of)
                    .filter(process -> process.info().command().map(command -> command.endsWith("/postgres")).orElse(false));
            if (running.isPresent() || Instant.now().isAfter(deadline)) {
                return running;
            }
            Thread.sleep(100);
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Files.readAllLines(pidFile).stream().findFirst().map(String::trim).map(Long::parseLong);
        } catch (IOException | NumberFormatException notThereOrNotWrittenYet) {
            return Optional.empty();
        }
    }
}
