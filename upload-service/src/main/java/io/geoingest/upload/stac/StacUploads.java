package io.geoingest.upload.stac;

import io.geoingest.common.auth.Caller;
import io.geoingest.common.error.StacProblem;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.SourceType;
import io.geoingest.common.logging.FileLogContext;
import io.geoingest.common.stac.CatalogOwnership;
import io.geoingest.common.stac.StacAsset;
import io.geoingest.common.stac.StacAssetId;
import io.geoingest.common.stac.StacCollection;
import io.geoingest.common.stac.StacItem;
import io.geoingest.common.stac.StacItemId;
import io.geoingest.common.storage.ObjectKeys;
import io.geoingest.common.storage.PublicPresigner;
import io.geoingest.common.time.StorableDates;
import io.geoingest.upload.chunked.AbortedUploadStorage;
import io.geoingest.upload.chunked.UploadStatus;
import io.geoingest.upload.chunked.UploadStore.AbortedUpload;
import io.geoingest.upload.files.NewFile;
import io.geoingest.upload.files.UploadMetadata;
import io.geoingest.upload.metrics.UploadMetrics.UploadPath;
import io.geoingest.upload.metrics.UploadMetrics;
import io.geoingest.upload.storage.UploadStorage;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedUploadPartRequest;

/**
 * Uploads of a STAC asset's file: the client PUTs the parts straight to storage with presigned
 * URLs that pin each part's MD5, then completes; the completed file is recorded like every other
 * upload, with the client's {@code file:checksum} for the worker to verify.
 */
@ApplicationScoped
public class StacUploads {
    /** How a refusal to end another owner's upload reads, after "Upload <id>". */
    public static final String STARTED_BY_ANOTHER_OWNER =
            "was started by another owner: only that owner or files_admin may complete or abort it";
    static final String NO_UPLOAD_IN_PROGRESS = "No upload in progress";

    @Inject
    StacUploadStore store;

    @Inject
    UploadStorage storage;

    @Inject
    AbortedUploadStorage abortedStorage;

    @Inject
    @Named("public")
    S3Presigner presigner;

    @Inject
    StacUploadConfig config;

    @Inject
    CatalogOwnership ownership;

    @Inject
    UploadMetrics metrics;

    /**
     * Refuses to start with a validity the SDK will not sign: the service started anyway, and then
     * every start, listing and reading of an upload in progress, which sign part URLs, failed with 500.
     */
    void checkUrlValidity(@Observes StartupEvent event) {
        PublicPresigner.requireSignable("geoingest.stac.upload-url-validity", config.uploadUrlValidity());
    }

    /**
     * Fails with 404 naming what is missing, so a typo in the path is told apart from an unknown
     * upload. An item the caller may not read (the worker's item of another owner's file uploaded
     * through the file API, see {@link StacItem#privateOwner}) is missing, as on the STAC API: its
     * id is the file's, and an answer of any other kind would tell that the file is there.
     */
    @Transactional
    public void requireAsset(Caller caller, AssetRef asset) {
        if (StacCollection.findById(asset.collection()) == null) {
            throw StacProblem.notFound("Collection " + asset.collection() + " not found");
        }
        StacItem item = StacItem.findById(new StacItemId(asset.collection(), asset.item()));
        if (item == null || item.hiddenFrom(caller)) {
            throw StacProblem.notFound("Item " + asset.item() + " not found in collection " + asset.collection());
        }
        if (StacAsset.findById(new StacAssetId(asset.collection(), asset.item(), asset.asset())) == null) {
            throw asset.notFound();
        }
    }

    public StacUploadView start(Caller caller, AssetRef asset, NewStacUpload request) {
        List<String> problems = UploadRequestCheck.problems(request);
        if (!problems.isEmpty()) {
            throw StacProblem.badRequest(String.join("; ", problems));
        }
        requireAsset(caller, asset);
        ownership.requireMayDestroyAsset(caller, asset.collection(), asset.item(), asset.asset());
        store.inProgress(asset).ifPresent(current -> {
            throw StacProblem.alreadyInProgress(current.id());
        });
        String id = UUID.randomUUID().toString();
        String key = ObjectKeys.forUpload(id, asset.asset());
        String s3UploadId = storage.createMultipartUpload(key, Optional.ofNullable(request.contentEncoding()));
        Instant now = StorableDates.now();
        StacUploadRow upload = new StacUploadRow(id, asset, s3UploadId, key, caller.owner(), UploadStatus.IN_PROGRESS,
                request.numberParts(),
                request.md5Parts().stream().sorted(Comparator.comparing(Md5Part::partNumber)).toList(),
                request.checksum(), Optional.ofNullable(request.contentEncoding()), now, now, Optional.empty());
        StacUploadView started;
        boolean inserted;
        try {
            // Signed before the upload is recorded: one recorded whose URLs then could not be signed
            // stayed in progress, and held every later start of the asset off until aborted.
            started = unrecordedView(upload);
            inserted = store.insert(upload);
        } catch (RuntimeException e) {
            // signing failing (its credentials not to be had), the asset removed meanwhile (404), or
            // the database failing: no row refers to the upload
            storage.abortMultipartUploadQuietly(key, s3UploadId);
            throw e;
        }
        if (!inserted) {
            // Another request started an upload of this asset between our check and our insert.
            storage.abortMultipartUploadQuietly(key, s3UploadId);
            throw StacProblem.alreadyInProgress(store.inProgress(asset).map(StacUploadRow::id).orElse(""));
        }
        return started;
    }

    public StacUploadRow find(Caller caller, AssetRef asset, String uploadId) {
        requireAsset(caller, asset);
        return store.find(asset, uploadId).orElseThrow(() -> StacProblem.notFound("Upload " + uploadId + " not found"));
    }

    public List<StacUploadRow> list(Caller caller, AssetRef asset, Optional<UploadStatus> status, Optional<String> cursor,
            int limit) {
        requireAsset(caller, asset);
        if (cursor.isPresent() && store.find(asset, cursor.get()).isEmpty()) {
            // a cursor is the id of an upload of this asset; any other would page from nowhere, as an empty page
            throw StacProblem.badRequest("cursor is not valid: use the next link of a previous page");
        }
        return store.list(asset, status, cursor, limit);
    }

    /**
     * Completes the upload. A completion of one it completed answers as the first did: its answer
     * may have been lost (a 502-504 at a proxy, which the spec says to retry on).
     */
    public StacUploadView complete(Caller caller, AssetRef asset, String uploadId, CompleteStacUpload request) {
        StacUploadRow upload = find(caller, asset, uploadId);
        if (upload.status() == UploadStatus.COMPLETED && caller.maySee(upload.owner())) {
            completedParts(upload, request);
            return view(upload);
        }
        requireEndable(caller, upload);
        // Checked at start too; the asset may have been given another owner's file since, by an
        // upload that was completing then.
        ownership.requireMayDestroyAsset(caller, asset.collection(), asset.item(), asset.asset());
        List<CompletedPart> parts = completedParts(upload, request);
        try {
            storage.completeMultipartUpload(upload.objectKey(), upload.s3UploadId(), parts);
        } catch (NoSuchUploadException unknown) {
            if (!storage.exists(upload.objectKey())) {
                throw endedOrWithoutParts(asset, upload);
            }
            // Storage completed this upload before: a completion that failed after that (the
            // client sends it again) or one racing this one. Recording settles which records it.
        } catch (S3Exception rejected) {
            if (rejected.statusCode() >= 500) {
                throw rejected;
            }
            throw StacProblem.badRequest("Storage refused to complete the upload: " + reason(rejected));
        }
        long size;
        try {
            size = storage.size(upload.objectKey());
        } catch (NoSuchKeyException removed) {
            // an abort that won the race removed the object storage had just assembled
            if (!hasStatus(asset, upload, UploadStatus.IN_PROGRESS)) {
                throw StacProblem.conflict(NO_UPLOAD_IN_PROGRESS);
            }
            throw removed;
        }
        UUID fileId = UUID.randomUUID();
        try (FileLogContext logContext = FileLogContext.forRequest(fileId)) {
            NewFile file = new NewFile(fileId, asset.asset(), upload.objectKey(), size, SourceType.UNKNOWN,
                    upload.owner(), StorableDates.now(), UploadMetadata.none());
            Optional<FileRecord> recorded = store.complete(upload, file);
            if (recorded.isEmpty()) {
                if (hasStatus(asset, upload, UploadStatus.ABORTED)) {
                    // an abort won the race: no file refers to the object
                    storage.deleteQuietly(upload.objectKey());
                }
                throw StacProblem.conflict(NO_UPLOAD_IN_PROGRESS);
            }
            metrics.fileStored(UploadPath.STAC, recorded.get().id, size);
            return view(store.find(asset, uploadId).orElseThrow());
        }
    }

    /**
     * Ends the upload and removes what storage holds of it: its parts, and the object of a
     * completion that storage finished but that was never recorded. Once the upload is recorded
     * aborted the abort succeeded: a removal that storage fails is retried by the sweep of
     * abandoned uploads, where a 500 told the client to give up on an upload it could not abort again.
     */
    public StacUploadView abort(Caller caller, AssetRef asset, String uploadId) {
        StacUploadRow upload = find(caller, asset, uploadId);
        requireEndable(caller, upload);
        if (!store.abort(uploadId)) {
            throw StacProblem.conflict(NO_UPLOAD_IN_PROGRESS);
        }
        abortedStorage.remove(new AbortedUpload(upload.id(), upload.objectKey(), upload.s3UploadId()));
        return view(store.find(asset, uploadId).orElseThrow());
    }

    /** The parts storage holds, after part number {@code after}; none once the upload ended. */
    public PartPage parts(Caller caller, AssetRef asset, String uploadId, int after, int limit) {
        StacUploadRow upload = find(caller, asset, uploadId);
        if (upload.status() != UploadStatus.IN_PROGRESS) {
            return new PartPage(List.of(), Optional.empty());
        }
        // Pages of storage are read from the first one: S3Proxy refuses a part-number-marker and
        // ignores max-parts, and an upload has at most 10 pages of 1000 parts on S3.
        List<StoredPartView> found = new ArrayList<>();
        Optional<Integer> marker = Optional.empty();
        ListPartsResponse response;
        do {
            try {
                response = storage.listParts(upload.objectKey(), upload.s3UploadId(), marker);
            } catch (NoSuchUploadException gone) {
                return new PartPage(List.of(), Optional.empty());
            }
            response.parts().stream()
                    .filter(part -> part.partNumber() > after)
                    .map(part -> new StoredPartView(part.partNumber(), part.size(), part.eTag(), part.lastModified()))
                    .forEach(found::add);
            marker = Optional.ofNullable(response.nextPartNumberMarker());
        } while (Boolean.TRUE.equals(response.isTruncated()) && marker.isPresent() && found.size() <= limit);
        found.sort(Comparator.comparing(StoredPartView::partNumber));
        List<StoredPartView> parts = found.subList(0, Math.min(limit, found.size()));
        Optional<Integer> next = !parts.isEmpty() && (found.size() > limit || Boolean.TRUE.equals(response.isTruncated()))
                ? Optional.of(parts.get(parts.size() - 1).partNumber())
                : Optional.empty();
        return new PartPage(parts, next);
    }

    public record PartPage(List<StoredPartView> parts, Optional<Integer> nextAfter) {
    }

    /**
     * The upload as clients see it; one in progress gets freshly signed part URLs, and the signing is
     * recorded, since the client may send parts until those expire.
     */
    public StacUploadView view(StacUploadRow upload) {
        StacUploadView view = unrecordedView(upload);
        if (upload.status() == UploadStatus.IN_PROGRESS) {
            store.urlsSigned(upload.id(), Instant.now());
        }
        return view;
    }

    /**
     * The upload as {@code caller} reads it: with part URLs for whoever may complete it (its starter
     * and files_admin), as {@link #view(StacUploadRow)}; without them for anyone else, who may read
     * the catalog's uploads (anonymous callers included) but neither send its parts nor keep an
     * abandoned upload from being swept by reading it.
     */
    public StacUploadView view(StacUploadRow upload, Caller caller) {
        return caller.maySee(upload.owner()) ? view(upload) : viewWith(upload, List.of());
    }

    /** The upload as a client sees it, its part URLs signed while it is in progress, without recording that they were. */
    private StacUploadView unrecordedView(StacUploadRow upload) {
        return viewWith(upload, upload.status() == UploadStatus.IN_PROGRESS
                ? upload.md5Parts().stream().map(part -> partUrl(upload, part)).toList()
                : List.of());
    }

    private static StacUploadView viewWith(StacUploadRow upload, List<PartUrl> urls) {
        return new StacUploadView(upload.id(), upload.status(), upload.numberParts(), upload.md5Parts(), urls,
                upload.createdAt(),
                upload.status() == UploadStatus.COMPLETED ? upload.endedAt().orElse(null) : null,
                upload.status() == UploadStatus.ABORTED ? upload.endedAt().orElse(null) : null,
                upload.checksum(), upload.contentEncoding().orElse(null));
    }

    /** Changes whenever the upload's state does: the part URLs are signed anew on each read and do not count. */
    public static String entityTag(StacUploadRow upload) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (upload.id() + '|' + upload.status().value() + '|' + upload.updatedAt().toEpochMilli())
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Storage no longer knows the multipart upload, and holds no object from it, when an abort
     * that raced this completion ended it. S3Proxy also says so of an upload none of whose parts
     * was sent yet, where S3 answers that the parts are invalid: that is the client's mistake, and
     * the upload stays open.
     */
    private StacProblem endedOrWithoutParts(AssetRef asset, StacUploadRow upload) {
        if (!hasStatus(asset, upload, UploadStatus.IN_PROGRESS)) {
            return StacProblem.conflict(NO_UPLOAD_IN_PROGRESS);
        }
        return StacProblem.badRequest("Storage refused to complete the upload: it holds none of its parts;"
                + " PUT each part to its URL before completing");
    }

    private boolean hasStatus(AssetRef asset, StacUploadRow upload, UploadStatus status) {
        return store.find(asset, upload.id()).filter(row -> row.status() == status).isPresent();
    }

    /** The upload is in progress, and the caller may complete or abort it: its own, or any for files_admin. */
    private static void requireEndable(Caller caller, StacUploadRow upload) {
        if (upload.status() != UploadStatus.IN_PROGRESS) {
            throw StacProblem.conflict(NO_UPLOAD_IN_PROGRESS);
        }
        if (!caller.maySee(upload.owner())) {
            throw StacProblem.forbidden("Upload " + upload.id() + " " + STARTED_BY_ANOTHER_OWNER);
        }
    }

    private static List<CompletedPart> completedParts(StacUploadRow upload, CompleteStacUpload request) {
        if (request == null || request.parts() == null) {
            throw StacProblem.badRequest("parts is required");
        }
        if (request.parts().size() != upload.numberParts()) {
            throw StacProblem.badRequest("parts has " + request.parts().size() + " parts but the upload has "
                    + upload.numberParts() + " (number_parts)");
        }
        Set<Integer> seen = new HashSet<>();
        for (CompletedPartRef part : request.parts()) {
            if (part == null || part.partNumber() == null || part.etag() == null || part.etag().isBlank()) {
                throw StacProblem.badRequest("parts: every part needs a part_number and an etag");
            }
            if (part.partNumber() < 1 || part.partNumber() > upload.numberParts()) {
                throw StacProblem.badRequest("parts: part_number " + part.partNumber() + " is out of range 1.."
                        + upload.numberParts());
            }
            if (!seen.add(part.partNumber())) {
                throw StacProblem.badRequest("parts: part_number " + part.partNumber() + " is given more than once");
            }
        }
        return request.parts().stream()
                .sorted(Comparator.comparing(CompletedPartRef::partNumber))
                .map(part -> CompletedPart.builder().partNumber(part.partNumber()).eTag(part.etag()).build())
                .toList();
    }

    private PartUrl partUrl(StacUploadRow upload, Md5Part part) {
        PresignedUploadPartRequest presigned = presigner.presignUploadPart(presign -> presign
                .signatureDuration(config.uploadUrlValidity())
                .uploadPartRequest(request -> {
                    // Content-MD5 alone is signed, as the spec's client sends it: the object's
                    // Content-Encoding was set when the multipart upload was created.
                    request.bucket(storage.bucket()).key(upload.objectKey()).uploadId(upload.s3UploadId())
                            .partNumber(part.partNumber()).contentMD5(part.md5());
                }));
        return new PartUrl(presigned.url().toString(), part.partNumber(), presigned.expiration());
    }

    private static String reason(S3Exception rejected) {
        if (rejected.awsErrorDetails() == null) {
            return rejected.getMessage();
        }
        String code = rejected.awsErrorDetails().errorCode();
        String message = rejected.awsErrorDetails().errorMessage();
        return message == null || message.isBlank() ? code : code + ": " + message;
    }
}
