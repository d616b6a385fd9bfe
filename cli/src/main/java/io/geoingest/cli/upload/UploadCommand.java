package io.geoingest.cli.upload;

import io.geoingest.cli.ByteSize;
import io.geoingest.cli.CliException;
import io.geoingest.cli.ExitCode;
import io.geoingest.cli.GeoIngest;
import io.geoingest.cli.Session;
import io.geoingest.cli.UsageException;
import io.geoingest.cli.file.UploadedFile;
import io.geoingest.cli.http.ApiException;
import io.geoingest.cli.http.FileRange;
import io.geoingest.cli.progress.Progress;
import io.geoingest.cli.status.StatusFollower;
import io.geoingest.cli.config.Connection.KeyUse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "upload", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Uploads FILE and waits until it is processed: prints the file id, then follows its status;"
                    + " exits 0 when it is COMPLETED, 1 when it FAILED, 3 when the wait was given up with the file"
                    + " still at work.",
            "Files up to the direct limit go in one request, larger ones in chunks sent in parallel;"
                    + " a file the server refuses as too large for one request (HTTP 413) goes in chunks too."
                    + " An interrupted chunked upload resumes when the same command runs again."})
public final class UploadCommand implements Callable<Integer> {
    private static final int MOST_PARALLEL = 32;

    @ParentCommand
    private GeoIngest root;

    @Parameters(paramLabel = "FILE", description = "The file to upload.")
    private String file;

    @Option(names = "--source-type", paramLabel = "TYPE", defaultValue = "UNKNOWN",
            description = "What the file holds: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private SourceType sourceType;

    @Option(names = "--chunk-size", paramLabel = "SIZE", defaultValue = "64MiB", converter = ByteSize.Converter.class,
            description = "Size of the parts of a chunked upload (default: ${DEFAULT-VALUE}).")
    private long chunkSize;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "Parts sent at the same time (default: ${DEFAULT-VALUE}).")
    private int parallel;

    @Option(names = "--direct-limit", paramLabel = "SIZE", defaultValue = "100MiB", converter = ByteSize.Converter.class,
            description = "Files up to this size go in one request (default: ${DEFAULT-VALUE}).")
    private long directLimit;

    @Option(names = "--no-wait", description = "Print the file id and exit without following its status.")
    private boolean noWait;

    @Override
    public Integer call() {
        if (chunkSize < 1) {
            throw new UsageException("--chunk-size must be at least 1 byte");
        }
        if (parallel < 1 || parallel > MOST_PARALLEL) {
            throw new UsageException("--parallel must be between 1 and " + MOST_PARALLEL);
        }
        Session session = root.session(KeyUse.REQUIRED);
        LocalFile local = LocalFile.of(session.environment().resolve(file));
        if (local.size() == 0) {
            throw new UsageException(file + " is empty: there is nothing to upload");
        }
        UploadedFile uploaded = local.size() <= directLimit ? direct(session, local) : chunked(session, local);
        session.environment().out().println(uploaded.fileId());
        if (session.environment().out().checkError()) {
            // the id reached no one, so waiting for the file's outcome would serve no one either
            return ExitCode.FAILURE;
        }
        if (noWait) {
            return ExitCode.OK;
        }
        new StatusFollower(session).awaitCompleted(uploaded.fileId());
        return ExitCode.OK;
    }

    /**
     * The file in one request; in chunks when the server takes less in one request than
     * {@code --direct-limit} assumes: its 413 comes before it stores or records anything.
     */
    private UploadedFile direct(Session session, LocalFile local) {
        UploadedFile uploaded;
        try (Progress progress = session.progress(local.name(), local.size(), 0)) {
            uploaded = session.files().upload(FileRange.whole(local.path(), local.size()), local.name(),
                    sourceType.name(), progress);
        } catch (ApiException e) {
            if (e.status() != 413) {
                throw e;
            }
            session.notice("The server refused " + local.name() + " (" + ByteSize.format(local.size()) + ") in one request"
                    + " as too large (HTTP 413); uploading it in chunks instead (a lower --direct-limit skips the first try)");
            return chunked(session, local);
        }
        // The server made a file of the bytes it got, which a file written to meanwhile may mix
        // from before and after: the user must not take that file for theirs.
        if (local.changed()) {
            throw new CliException(local.path() + " changed or was removed during the upload, so file " + uploaded.fileId()
                    + " was made from a file that was being changed: do not use it; upload the file again once it"
                    + " no longer changes");
        }
        return uploaded;
    }

    private UploadedFile chunked(Session session, LocalFile local) {
        return new ChunkedUpload(session, UploadStateStore.in(session.environment(), session.connection(), session.json()), local, chunkSize,
                parallel, sourceType).run();
    }
}
