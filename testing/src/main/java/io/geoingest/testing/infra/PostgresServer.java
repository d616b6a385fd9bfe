package io.geoingest.testing.infra;

import io.geoingest.testing.Signal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server run from the zonky embedded binaries.
 *
 * <p>We run {@code initdb} and {@code pg_ctl} ourselves instead of through zonky's
 * {@code EmbeddedPostgres}: PostgreSQL refuses to run as root, and CI machines build as root. As
 * root we start the binaries inside a user namespace where our uid is {@code nobody}; the kernel
 * still sees the real uid, so the data stays ours and nothing needs a second user account.
 */
public final class PostgresServer implements AutoCloseable {
    private static final String BINARIES_RESOURCE = "/postgres-linux-x86_64.txz";
    private static final String BINARIES_VERSION = "17.6.0";
    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    private final Path binaries;
    private final Path dataDirectory;
    private final int port;
    private final boolean deleteOnClose;

    private PostgresServer(Path binaries, Path dataDirectory, int port, boolean deleteOnClose) {
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.deleteOnClose = deleteOnClose;
    }

    /**
     * Starts a server keeping its data in {@code dataDirectory} (initialised on first use, reused
     * after), on {@code port} or a free port when 0.
     */
    public static PostgresServer start(Path workDirectory, Path dataDirectory, int port, boolean deleteOnClose) {
        try {
            Path binaries = extractBinaries(workDirectory);
            PostgresServer server = new PostgresServer(binaries, dataDirectory, FreePorts.orFree(port), deleteOnClose);
            server.initialiseIfNew();
            server.startServer();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL could not be started", e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    private void initialiseIfNew() throws IOException {
        if (Files.exists(dataDirectory.resolve("PG_VERSION"))) {
            return;
        }
        Files.createDirectories(dataDirectory.getParent());
        run(Duration.ofMinutes(2), binaries.resolve("bin/initdb").toString(), "-A", "trust", "-U", USER,
                "-D", dataDirectory.toString(), "-E", "UTF-8", "--no-locale", "--no-sync");
    }

    private void startServer() throws IOException {
        Path log = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
        String options = String.join(" ", "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=", "-c", "max_connections=200", "-c", "fsync=on");
        run(Duration.ofMinutes(2), binaries.resolve("bin/pg_ctl").toString(), "-D", dataDirectory.toString(),
                "-o", options, "-l", log.toString(), "-w", "-t", "90", "start");
    }

    /**
     * Stops the server and keeps its data. {@code immediate} stops it as a crash would (no
     * checkpoint, recovery on the next start); otherwise open sessions are ended and it shuts down
     * cleanly. Either way clients lose their connections. {@link #startAgain()} brings it back.
     */
    public void stop(boolean immediate) {
        try {
            run(Duration.ofMinutes(1), binaries.resolve("bin/pg_ctl").toString(), "-D", dataDirectory.toString(),
                    "-m", immediate ? "immediate" : "fast", "-w", "stop");
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop", e);
        }
    }

    /**
     * Freezes every process of the server (SIGSTOP), as a server cut off by the network looks to
     * its clients: connections stay open, and nothing answers, not even a query's cancellation.
     * {@link #thaw()} lets it run on.
     */
    public void freeze() {
        // The postmaster first, and its children listed only once it is stopped: listed before, a
        // backend it started for a connection opened meanwhile ran on, and answered for a frozen
        // server. A backend whose client left may end between the listing and its signal.
        long postmaster = postmaster();
        Signal.STOP.sendToIfRunning(postmaster);
        children(postmaster).forEach(Signal.STOP::sendToIfRunning);
    }

    public void thaw() {
        processes().forEach(Signal.CONT::sendToIfRunning);
    }

    /** The postmaster and the processes it started. */
    private List<Long> processes() {
        long postmaster = postmaster();
        List<Long> all = new ArrayList<>(List.of(postmaster));
        all.addAll(children(postmaster));
        return all;
    }

    private long postmaster() {
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL is not running", e);
        }
    }

    private static List<Long> children(long postmaster) {
        return ProcessHandle.of(postmaster).stream().flatMap(ProcessHandle::descendants).map(ProcessHandle::pid).toList();
    }

    /** Starts the stopped server again on the same port with the same data. */
    public void startAgain() {
        try {
            startServer();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL could not be started again", e);
        }
    }

    @Override
    public void close() {
        stop(false);
        if (deleteOnClose) {
            Directories.delete(dataDirectory);
        }
    }

    private static void run(Duration timeout, String... command) throws IOException {
        List<String> full = new ArrayList<>();
        if (RunningAs.root()) {
            full.addAll(List.of("unshare", "--user", "--map-user=65534", "--map-group=65534"));
        }
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + new String(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }

    /** Unpacks the binaries once per work directory; later starts reuse them. */
    private static synchronized Path extractBinaries(Path workDirectory) throws IOException {
        Path target = workDirectory.resolve("postgres-" + BINARIES_VERSION);
        if (Files.exists(target.resolve("bin/postgres"))) {
            return target;
        }
        Files.createDirectories(workDirectory);
        Path staging = Files.createTempDirectory(workDirectory, "postgres-extract-");
        try (InputStream archive = PostgresServer.class.getResourceAsStream(BINARIES_RESOURCE)) {
            if (archive == null) {
                throw new IOException("PostgreSQL binaries for this platform are not on the classpath (linux x86_64 only)");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(archive))) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    Path path = staging.resolve(entry.getName()).normalize();
                    if (!path.startsWith(staging)) {
                        throw new IOException("archive entry outside its root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(path);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(path.getParent());
                        Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(path.getParent());
                        Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                        if ((entry.getMode() & 0100) != 0) {
                            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                        }
                    }
                }
            }
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException alreadyThere) {
            Directories.delete(staging);
        }
        return target;
    }
}
