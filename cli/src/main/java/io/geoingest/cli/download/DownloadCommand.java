package io.geoingest.cli.download;

import io.geoingest.cli.CliException;
import io.geoingest.cli.ExitCode;
import io.geoingest.cli.GeoIngest;
import io.geoingest.cli.Session;
import io.geoingest.cli.UsageException;
import io.geoingest.cli.progress.Progress;
import io.geoingest.cli.config.Connection.KeyUse;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "download", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Downloads a file through a presigned URL; prints the path it was saved to.")
public final class DownloadCommand implements Callable<Integer> {
    private static final int BUFFER = 256 * 1024;
    /** The longest file name Linux file systems keep, in bytes; the server's download names are cut to it too. */
    private static final int MAX_NAME_BYTES = 255;
    private static final String PARTIAL_PREFIX = ".geoingest-";
    private static final String PARTIAL_SUFFIX = ".part";

    @ParentCommand
    private GeoIngest root;

    @Parameters(paramLabel = "ID", description = "The file id that upload printed.")
    private String fileId;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH",
            description = "Where to save it: a file, or a directory to save it in under its original name (a"
                    + " path ending in / is one, made when missing; default: the working directory).")
    private String output;

    @Option(names = "--force", description = "Replace the file at PATH when there is one.")
    private boolean force;

    @Override
    public Integer call() {
        Session session = root.session(KeyUse.REQUIRED);
        Path target = target(session);
        if (Files.exists(target) && !force) {
            throw new UsageException(target + " exists already; pass --force to replace it, or -o to choose another path");
        }
        URI url = presignedUrl(session.files().downloadUrl(fileId));
        download(session, url, target);
        session.environment().out().println(target);
        session.environment().out().flush();
        return ExitCode.OK;
    }

    private Path target(Session session) {
        if (output == null) {
            return session.environment().workingDirectory().resolve(originalName(session));
        }
        Path chosen = session.environment().resolve(output);
        boolean folder = Files.isDirectory(chosen) || output.endsWith("/") || output.endsWith(File.separator);
        return folder ? chosen.resolve(originalName(session)) : chosen;
    }

    /**
     * The name the file was uploaded with, reduced to a plain file name: it comes from the server.
     * One longer than file systems keep (the server takes names of up to 1,000 characters) is
     * refused before anything is downloaded.
     */
    private String originalName(Session session) {
        String name = session.files().status(fileId).path("originalName").asText("");
        String plain = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        if (plain.isEmpty() || plain.equals(".") || plain.equals("..")) {
            throw new UsageException("the file has no usable original name; choose one with -o");
        }
        int length = plain.getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_NAME_BYTES) {
            throw new UsageException("the file's original name is " + length + " bytes long, and file systems keep at most "
                    + MAX_NAME_BYTES + "; choose a name with -o");
        }
        return plain;
    }

    private URI presignedUrl(String text) {
        try {
            URI url = URI.create(text);
            if (url.isAbsolute() && ("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // Reported below, like any other answer that is not a URL.
        }
        throw new CliException("download URL of " + fileId + ": the server sent no URL but '" + text + "'");
    }

    /**
     * Saves to a temporary file next to the target and moves it into place at the end, so an
     * interrupted download never leaves a truncated file under the real name. The temporary file
     * is locked while it is written: one left by a download that was killed (Ctrl-C, kill -9) has
     * no lock, and the next download into the same folder removes it. The presigned URL carries
     * its own authorization: the API key is not sent to storage.
     */
    private void download(Session session, URI url, Path target) {
        String action = "download of " + fileId;
        HttpResponse<InputStream> response = session.transport().exchange(action,
                () -> HttpRequest.newBuilder(url).header("User-Agent", "geoingest-cli").GET().build());
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        Path directory = target.toAbsolutePath().getParent();
        Path partial = null;
        try (InputStream body = response.body();
                Progress progress = session.progress(target.getFileName().toString(), length, 0)) {
            Files.createDirectories(directory);
            removeLeftovers(session, directory);
            // a name of its own rather than the target's with a suffix, which a long name has no room
            // for; made as any new file is (createTempFile would leave the download readable by its owner alone)
            partial = directory.resolve(PARTIAL_PREFIX + UUID.randomUUID() + PARTIAL_SUFFIX);
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    FileLock writing = channel.lock()) {
                OutputStream file = Channels.newOutputStream(channel);
                byte[] buffer = new byte[BUFFER];
                for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                    file.write(buffer, 0, read);
                    progress.advance(read);
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (partial != null) {
                deleteQuietly(partial);
            }
            throw new CliException(action + ": " + e.getMessage() + "; nothing was saved to " + target, e);
        }
    }

    /**
     * Removes the temporary files of downloads into {@code directory} that were killed: those
     * nobody holds a lock on. One being written by a download running meanwhile is locked, and stays.
     */
    private static void removeLeftovers(Session session, Path directory) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, PARTIAL_PREFIX + "*" + PARTIAL_SUFFIX)) {
            for (Path leftover : leftovers) {
                try (FileChannel channel = FileChannel.open(leftover, StandardOpenOption.WRITE);
                        FileLock unused = channel.tryLock()) {
                    if (unused != null) {
                        Files.delete(leftover);
                        session.transport().debug("removed " + leftover + ", left by a download that was stopped");
                    }
                } catch (OverlappingFileLockException | IOException inUse) {
                    // written by a download of this process, or not ours to remove: left alone
                }
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The download failed already; that is the error worth reporting.
        }
    }
}
