package io.geoingest.cli.download;

import io.geoingest.cli.CliException;
import io.geoingest.cli.ExitCode;
import io.geoingest.cli.GeoIngest;
import io.geoingest.cli.Session;
import io.geoingest.cli.UsageException;
import io.geoingest.cli.http.ApiCalls;
import io.geoingest.cli.http.ApiException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

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
     * its own authorization: the API key is not sent to storage. A body that breaks off or stands
     * still is asked for again from the first byte missing, as often as the retries allow.
     */
    private void download(Session session, URI url, Path target) {
        String action = "download of " + fileId;
        Directed first = new Directed(url, session.transport().exchange(action, () -> get(url, 0)));
        long length = first.response().headers().firstValueAsLong("Content-Length").orElse(-1);
        Path directory = target.toAbsolutePath().getParent();
        Path partial = null;
        boolean saved = false;
        try (Progress progress = session.progress(target.getFileName().toString(), length, 0)) {
            Files.createDirectories(directory);
            removeLeftovers(session, directory);
            // a name of its own rather than the target's with a suffix, which a long name has no room
            // for; made as any new file is (createTempFile would leave the download readable by its owner alone)
            partial = directory.resolve(PARTIAL_PREFIX + UUID.randomUUID() + PARTIAL_SUFFIX);
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    FileLock writing = channel.lock()) {
                Directed answer = first;
                for (int attempt = 1; ; attempt++) {
                    try (InputStream body = answer.response().body()) {
                        copy(body, channel, progress);
                        break;
                    } catch (BodyBroke e) {
                        if (!session.transport().retryPolicy().mayRetryAfter(attempt)) {
                            throw e.getCause();
                        }
                        session.transport().pause(attempt, action + " broke off after " + channel.size() + " bytes ("
                                + e.getCause().getMessage() + ")");
                        answer = resumed(session, action, answer.url(), channel, length, progress);
                    }
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
                saved = true;
            }
        } catch (IOException e) {
            throw new CliException(action + ": " + e.getMessage() + "; nothing was saved to " + target, e);
        } finally {
            if (!saved && partial != null) {
                deleteQuietly(partial);
            }
        }
    }

    /** An answer, and the URL that got it: one signed again when the first expired. */
    private record Directed(URI url, HttpResponse<InputStream> response) {
    }

    private static HttpRequest get(URI url, long from) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).header("User-Agent", "geoingest-cli");
        if (from > 0) {
            request.header("Range", "bytes=" + from + "-");
        }
        return request.GET().build();
    }

    /**
     * The rest of the file after the bytes written: a 206 from the first one missing is appended;
     * any other answer (a server that ignores ranges) starts the file over. A URL that expired
     * since (403) is signed anew.
     */
    private Directed resumed(Session session, String action, URI url, FileChannel written, long size, Progress progress)
            throws IOException {
        long from = written.size();
        Directed answer;
        try {
            answer = new Directed(url, session.transport().exchange(action, () -> get(url, from)));
        } catch (ApiException e) {
            if (e.status() != 403) {
                throw e;
            }
            URI signedAgain = presignedUrl(session.files().downloadUrl(fileId));
            answer = new Directed(signedAgain, session.transport().exchange(action, () -> get(signedAgain, from)));
        }
        HttpResponse<InputStream> response = answer.response();
        if (response.statusCode() == 206 && continuesAt(response, from, size)) {
            return answer;
        }
        if (response.statusCode() == 206) {
            // a range other than the one asked for: the whole file is asked for instead
            ApiCalls.discard(response);
            URI whole = answer.url();
            answer = new Directed(whole, session.transport().exchange(action, () -> get(whole, 0)));
        }
        written.truncate(0);
        written.position(0);
        progress.advance(-from);
        return answer;
    }

    /**
     * Whether a 206 holds the bytes from {@code from} to the end of a file of {@code size} bytes
     * (below zero when not known), as {@code Content-Range: bytes from-last/size} says.
     */
    private static boolean continuesAt(HttpResponse<InputStream> response, long from, long size) {
        Matcher range = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
        if (!range.matches() || Long.parseLong(range.group(1)) != from) {
            return false;
        }
        long end = Long.parseLong(range.group(2)) + 1;
        return range.group(3).equals("*") ? size < 0 || end == size
                : end == Long.parseLong(range.group(3)) && (size < 0 || end == size);
    }

    /** A failure to read the answer, which a request for the rest may mend; one to write the file is final. */
    private static final class BodyBroke extends Exception {
        BodyBroke(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    private static void copy(InputStream body, FileChannel file, Progress progress) throws IOException, BodyBroke {
        OutputStream out = Channels.newOutputStream(file);
        byte[] buffer = new byte[BUFFER];
        while (true) {
            int read;
            try {
                read = body.read(buffer);
            } catch (IOException e) {
                throw new BodyBroke(e);
            }
            if (read < 0) {
                return;
            }
            out.write(buffer, 0, read);
            progress.advance(read);
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
