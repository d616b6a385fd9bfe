package io.geoingest.cli.stac;

import io.geoingest.cli.ByteSize;
import io.geoingest.cli.CliException;
import io.geoingest.cli.ExitCode;
import io.geoingest.cli.GeoIngest;
import io.geoingest.cli.Session;
import io.geoingest.cli.UsageException;
import io.geoingest.cli.http.ApiException;
import io.geoingest.cli.progress.Progress;
import io.geoingest.cli.upload.LocalFile;
import io.geoingest.cli.upload.PartPlan;
import io.geoingest.cli.config.Connection.KeyUse;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "stac-upload", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Uploads FILE as the file of an existing STAC asset, by the STAC asset upload guide: MD5 per part,"
                    + " sha2-256 multihash of the file, parts sent in parallel straight to storage.",
            "Prints the upload id, then waits until the asset's file is processed: exits 1 when it FAILED, 3 when"
                    + " the wait was given up with the file still at work.",
            "An upload of the asset left in progress by another run is aborted first."})
public final class StacUploadCommand implements Callable<Integer> {
    private static final int MOST_PARALLEL = 32;

    @ParentCommand
    private GeoIngest root;

    @Parameters(paramLabel = "FILE", description = "The file to upload.")
    private String file;

    @Option(names = "--collection", paramLabel = "ID", required = true, description = "The asset's collection.")
    private String collection;

    @Option(names = "--item", paramLabel = "ID", required = true, description = "The asset's item.")
    private String item;

    @Option(names = "--asset", paramLabel = "KEY", required = true, description = "The asset (it must exist already).")
    private String asset;

    @Option(names = "--part-size", paramLabel = "SIZE", defaultValue = "64MiB", converter = ByteSize.Converter.class,
            description = "Size of the parts, 5MiB to 5GiB (default: ${DEFAULT-VALUE}).")
    private long partSize;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "Parts sent at the same time (default: ${DEFAULT-VALUE}).")
    private int parallel;

    @Option(names = "--gzip", description = "Compress the file with gzip first (content_encoding gzip);"
            + " the guide advises it for files over 10 MB.")
    private boolean gzip;

    @Option(names = "--no-wait", description = "Print the upload id and exit without waiting for the processing.")
    private boolean noWait;

    @Override
    public Integer call() {
        if (parallel < 1 || parallel > MOST_PARALLEL) {
            throw new UsageException("--parallel must be between 1 and " + MOST_PARALLEL);
        }
        if (partSize < AssetPartPlan.MIN_PART_SIZE || partSize > AssetPartPlan.MAX_PART_SIZE) {
            throw new UsageException("--part-size must be between " + ByteSize.format(AssetPartPlan.MIN_PART_SIZE)
                    + " and " + ByteSize.format(AssetPartPlan.MAX_PART_SIZE));
        }
        AssetPath target = new AssetPath(collection, item, asset);
        Session session = root.session(KeyUse.REQUIRED);
        LocalFile local = LocalFile.of(session.environment().resolve(file));
        if (local.size() == 0) {
            throw new UsageException(file + " is empty: there is nothing to upload");
        }
        requireAsset(session, target);
        AssetUploaded uploaded;
        if (gzip) {
            GzipFile compressed;
            try (Progress progress = session.progress("gzip", local.size(), 0)) {
                compressed = GzipFile.of(local, progress::advance);
            }
            try (compressed) {
                uploaded = upload(session, target, LocalFile.of(compressed.path()), local.name(), Optional.of("gzip"));
            }
        } else {
            uploaded = upload(session, target, local, local.name(), Optional.empty());
        }
        session.environment().out().println(uploaded.uploadId());
        session.environment().out().flush();
        if (!noWait) {
            new AssetStatusFollower(session, target, uploaded.uploadId(), uploaded.checksum()).awaitCompleted();
        }
        return ExitCode.OK;
    }

    private AssetUploaded upload(Session session, AssetPath target, LocalFile payload, String name,
            Optional<String> contentEncoding) {
        PartPlan plan;
        try {
            plan = AssetPartPlan.of(payload.size(), partSize);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return new AssetUpload(session, session.stac(), target, payload, name, plan, parallel, contentEncoding).run();
    }

    /** The guide's precondition, checked before the file is read: the asset must exist. */
    private static void requireAsset(Session session, AssetPath target) {
        try {
            session.stac().asset(target);
        } catch (ApiException e) {
            if (e.status() == 404 && !session.stac().itemExists(target)) {
                throw new CliException("item " + target.collection() + "/" + target.item() + " does not exist; create it,"
                        + " then its asset, first: PUT " + session.connection().resolve(target.itemPath()));
            }
            if (e.status() == 404) {
                throw new CliException("asset " + target + " does not exist (" + e.serverMessage()
                        + "); create it first: PUT " + session.connection().resolve(target.path()));
            }
            throw e;
        }
    }
}
