package io.geoingest.cli.upload;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.cli.CliException;
import io.geoingest.cli.Environment;
import io.geoingest.cli.config.Connection;
import io.geoingest.cli.config.LocalEnv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The saved states of unfinished chunked uploads, one small JSON file per local file, in
 * {@code $GEOINGEST_STATE_DIR}, else in {@code cli-uploads/} beside the {@code .geoingest/local.env}
 * the server's URL came from, else in {@code .geoingest/cli-uploads/} of the working directory: a
 * checkout keeps one folder of states for its local suite wherever in it the client runs, so that
 * an upload started in one of its folders resumes from another. Where that folder cannot be
 * written (a read-only working directory), the user's own state folder takes its place:
 * {@code $XDG_STATE_HOME/geoingest/cli-uploads}, by default under {@code ~/.local/state}.
 * A state file is named after the file's absolute path, and holds its size and modification time:
 * a state is used only while all three still match, and a changed file replaces it.
 */
public final class UploadStateStore {
    public static final String DIRECTORY_VARIABLE = "GEOINGEST_STATE_DIR";
    private static final String STATES = "cli-uploads";

    private final Path directory;
    private final ObjectMapper json;

    public UploadStateStore(Path directory, ObjectMapper json) {
        this.directory = directory;
        this.json = json;
    }

    public static UploadStateStore in(Environment environment, Connection connection, ObjectMapper json) {
        Optional<Path> chosen = environment.variable(DIRECTORY_VARIABLE).map(environment::resolve);
        if (chosen.isPresent()) {
            return new UploadStateStore(chosen.get(), json);
        }
        Path usual = connection.localEnv().map(localEnv -> localEnv.resolveSibling(STATES))
                .orElse(environment.workingDirectory().resolve(LocalEnv.FOLDER).resolve(STATES));
        Path directory = Optional.of(usual).filter(UploadStateStore::writable)
                .or(() -> usersStateFolder(environment).filter(UploadStateStore::writable))
                .orElse(usual);
        return new UploadStateStore(directory, json);
    }

    /** The XDG base directory for state, as other tools keep theirs. */
    private static Optional<Path> usersStateFolder(Environment environment) {
        Optional<Path> home = environment.variable("HOME").map(Path::of).filter(Path::isAbsolute);
        return environment.variable("XDG_STATE_HOME").map(Path::of).filter(Path::isAbsolute)
                .or(() -> home.map(folder -> folder.resolve(".local").resolve("state")))
                .map(folder -> folder.resolve("geoingest").resolve(STATES));
    }

    private static boolean writable(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.delete(Files.createTempFile(directory, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Fails unless states can be saved: called before an upload is started on the server, which
     * would be left behind with nothing to resume it by.
     */
    public void checkWritable() {
        if (!writable(directory)) {
            throw new CliException("cannot save upload states in " + directory + ", which a chunked upload needs to resume:"
                    + " set " + DIRECTORY_VARIABLE + " to a folder you can write to");
        }
    }

    public Path directory() {
        return directory;
    }

    /** The saved upload of this file on this server, if there is one and the file did not change since. */
    public Optional<UploadState> find(LocalFile file, String server) {
        Path saved = fileFor(file.path());
        if (!Files.isRegularFile(saved)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(saved.toFile(), UploadState.class)).filter(state -> state.isFor(file, server));
        } catch (IOException e) {
            // A state cut short (the disk filled up, say) only costs a fresh start.
            return Optional.empty();
        }
    }

    public void save(UploadState state) {
        Path target = fileFor(Path.of(state.file()));
        try {
            Files.createDirectories(directory);
            Path written = Files.createTempFile(directory, target.getFileName().toString(), ".tmp");
            Files.write(written, json.writeValueAsBytes(state));
            moveIntoPlace(written, target);
        } catch (IOException e) {
            throw new CliException("cannot save the upload's state in " + directory + " (needed to resume it): "
                    + e.getMessage() + "; set " + DIRECTORY_VARIABLE + " to a folder you can write to", e);
        }
    }

    public void delete(UploadState state) {
        try {
            Files.deleteIfExists(fileFor(Path.of(state.file())));
        } catch (IOException e) {
            throw new CliException("cannot remove the finished upload's state from " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The state file of a local file: a digest of its absolute path, so any path makes a safe name. */
    public Path fileFor(Path file) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(file.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return directory.resolve(HexFormat.of().formatHex(digest, 0, 16) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void moveIntoPlace(Path written, Path target) throws IOException {
        try {
            Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(written, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
