package io.geoingest.cli.stac;

import io.geoingest.cli.ByteSize;
import io.geoingest.cli.CliException;
import io.geoingest.cli.GaveUpWaitingException;
import io.geoingest.cli.OnInterrupt;
import io.geoingest.cli.Session;
import io.geoingest.cli.http.ApiException;
import io.geoingest.cli.http.FileRange;
import io.geoingest.cli.progress.Progress;
import io.geoingest.cli.upload.LocalFile;
import io.geoingest.cli.upload.PartPlan;
import io.geoingest.cli.upload.PartSenders;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The multipart upload of a STAC asset's file ({@code ../shared/spec/stac-asset-upload.txt}):
 * create the upload with each part's MD5 and the file's multihash, PUT the parts in parallel to
 * their presigned URLs, complete with their ETags. Errors are handled by the guide's retry policy
 * ({@link FailureAction}): 502, 503 and 504 are retried by the {@link io.geoingest.cli.http.Transport}
 * with jittered backoff; an upload already in progress is aborted and the upload started again;
 * anything else before the completion, or a completion refused with a 4xx other than 409, aborts
 * this upload and ends with the error.
 */
final class AssetUpload {
    /** How often an upload is started again after aborting another one that was in progress. */
    static final int MOST_STARTS = 3;

    private final Session session;
    private final StacApi stac;
    private final AssetPath asset;
    private final LocalFile payload;
    private final String name;
    private final PartPlan plan;
    private final int parallel;
    private final Optional<String> contentEncoding;

    /**
     * @param payload the bytes to store: the file, or its compressed copy
     * @param name the file's name, for messages
     */
    AssetUpload(Session session, StacApi stac, AssetPath asset, LocalFile payload, String name, PartPlan plan,
            int parallel, Optional<String> contentEncoding) {
        this.session = session;
        this.stac = stac;
        this.asset = asset;
        this.payload = payload;
        this.name = name;
        this.plan = plan;
        this.parallel = parallel;
        this.contentEncoding = contentEncoding;
    }

    /** Uploads the file and returns the upload once it is completed. */
    AssetUploaded run() {
        FileDigests digests;
        try (Progress progress = session.progress("checksums", payload.size(), 0)) {
            digests = FileDigests.of(payload.path(), plan, progress::advance);
        }
        AssetUploadStarted upload = start(digests);
        int count = plan.parts().size();
        session.notice("Uploading " + name + " (" + ByteSize.format(payload.size())
                + contentEncoding.map(encoding -> " with " + encoding).orElse("") + ") to " + asset + " as upload "
                + upload.uploadId() + (count == 1 ? " in one part" : " in " + count + " parts of "
                        + ByteSize.format(plan.chunkSize()) + ", " + Math.min(parallel, count) + " at a time"));
        String url = uploadUrl(upload.uploadId());
        AtomicBoolean completing = new AtomicBoolean();
        try (OnInterrupt hint = OnInterrupt.run(() -> session.environment().err().println(completing.get()
                ? "\nInterrupted while completing upload " + upload.uploadId() + " of " + asset + ": whether it completed"
                        + " shows GET " + url
                : "\nInterrupted; upload " + upload.uploadId() + " of " + asset + " was left in progress: abort it (POST "
                        + url + "/abort), or run the same command again, which aborts it and starts anew"))) {
            List<StacApi.CompletedPart> parts;
            try {
                try (Progress progress = session.progress(name, payload.size(), 0)) {
                    parts = send(upload, digests, progress);
                }
                payload.checkUnchanged();
            } catch (CliException e) {
                abortQuietly(upload.uploadId());
                boolean unavailable = e instanceof ApiException answer
                        && FailureAction.afterTransfer(answer.status()) == FailureAction.RETRY;
                throw new CliException(e.getMessage() + (unavailable ? " after "
                        + session.transport().retryPolicy().attempts() + " attempts" : "") + "; upload "
                        + upload.uploadId() + " was aborted", e);
            }
            completing.set(true);
            complete(upload.uploadId(), parts);
        }
        return new AssetUploaded(upload.uploadId(), digests.checksum());
    }

    /**
     * Completes the upload. A completion that failed without a clear answer (no answer, a 5xx, a
     * 409) may still have reached the server, which may have joined the file or be joining it: it
     * is never aborted then, as that could remove the object the completion made; the upload's
     * status says what became of it. A plain 4xx refused the completion and left the upload open
     * to no purpose: it is aborted, as a failure before the completion is.
     */
    private void complete(String uploadId, List<StacApi.CompletedPart> parts) {
        CliException failure;
        try {
            stac.complete(asset, uploadId, parts, payload.size());
            return;
        } catch (CliException e) {
            failure = e;
        }
        if (failure instanceof ApiException refused && refused.status() >= 400 && refused.status() < 500
                && refused.status() != 409) {
            abortQuietly(uploadId);
            throw new CliException(failure.getMessage() + "; upload " + uploadId + " was aborted", failure);
        }
        String status = statusAfter(failure, uploadId);
        if ("in-progress".equals(status)) {
            // The server takes a completion again: when storage already joined the file it records
            // it, and of two completions racing only one is recorded. Failing once more leaves it
            // as it was, never aborted.
            try {
                stac.complete(asset, uploadId, parts, payload.size());
                return;
            } catch (CliException again) {
                session.transport().debug("completing upload " + uploadId + " again failed too: " + again.getMessage());
            }
            status = statusAfter(failure, uploadId);
        }
        if ("completed".equals(status)) {
            return;
        }
        String url = uploadUrl(uploadId);
        if ("in-progress".equals(status)) {
            throw new GaveUpWaitingException(failure.getMessage() + "; upload " + uploadId + " of " + asset + " is still in"
                    + " progress, and may still be completing: see GET " + url + " later; one that stays in progress"
                    + " is aborted by POST " + url + "/abort, or by the same command run again, which then starts anew",
                    failure);
        }
        throw new CliException(failure.getMessage() + "; upload " + uploadId + " of " + asset + " is " + status, failure);
    }

    /** The upload's status after its completion failed; not knowing it is waiting given up. */
    private String statusAfter(CliException failure, String uploadId) {
        try {
            return stac.upload(asset, uploadId).status();
        } catch (CliException unknown) {
            throw new GaveUpWaitingException(failure.getMessage() + "; whether upload " + uploadId + " of " + asset
                    + " completed is not known: see GET " + uploadUrl(uploadId) + " later", failure);
        }
    }

    private String uploadUrl(String uploadId) {
        return session.connection().resolve(asset.upload(uploadId)).toString();
    }

    /** Creates the upload; when another one is in progress, aborts it and tries again. */
    private AssetUploadStarted start(FileDigests digests) {
        for (int attempt = 1; ; attempt++) {
            try {
                return stac.createUpload(asset, digests, contentEncoding);
            } catch (ApiException e) {
                FailureAction action = FailureAction.afterCreate(e.status(), e.serverMessage());
                if (action != FailureAction.ABORT_EXISTING_AND_RESTART || attempt >= MOST_STARTS) {
                    throw e;
                }
                for (String other : stac.uploadsInProgress(asset)) {
                    session.notice("Aborting upload " + other + " of " + asset + ", which was in progress");
                    abortUnlessEnded(other);
                }
            }
        }
    }

    /** Another client may end the upload between our listing and our abort: that is as good. */
    private void abortUnlessEnded(String uploadId) {
        try {
            stac.abort(asset, uploadId);
        } catch (ApiException e) {
            if (e.status() != 409) {
                throw e;
            }
        }
    }

    private void abortQuietly(String uploadId) {
        try {
            stac.abort(asset, uploadId);
        } catch (CliException e) {
            session.transport().debug("aborting upload " + uploadId + " failed too: " + e.getMessage());
        }
    }

    /**
     * PUTs the parts, {@code parallel} at a time; the first part that fails stops the others. A part
     * that storage refuses with 403 (its URL expired while it waited or was sent) goes once more on
     * a URL signed again.
     */
    private List<StacApi.CompletedPart> send(AssetUploadStarted upload, FileDigests digests, Progress progress) {
        PartUrls urls = new PartUrls(upload.urls(), () -> stac.upload(asset, upload.uploadId()), Clock.systemUTC());
        for (PartPlan.Part part : plan.parts()) {
            if (!urls.has(part.number())) {
                throw new CliException("the server gave no URL for part " + part.number());
            }
        }
        return PartSenders.sendAll(parallel, plan.parts().stream().<Callable<StacApi.CompletedPart>>map(part -> () -> {
            String url = urls.forPart(part.number());
            Progress.Transfer transfer = progress.transfer();
            String etag;
            try {
                etag = putPart(url, part, digests, transfer);
            } catch (ApiException e) {
                if (e.status() != 403) {
                    throw e;
                }
                session.transport().debug("part " + part.number() + " refused (" + e.getMessage() + "); sending it on a new URL");
                etag = putPart(urls.instead(part.number(), url), part, digests, transfer);
            }
            return new StacApi.CompletedPart(etag, part.number());
        }).toList());
    }

    /** One PUT of the part; {@code transfer} counts its bytes once however often it is sent. */
    private String putPart(String url, PartPlan.Part part, FileDigests digests, Progress.Transfer transfer) {
        FileRange range = new FileRange(payload.path(), part.offset(), part.length());
        return stac.putPart(url, part.number(), digests.md5(part.number()), contentEncoding, range, transfer);
    }
}
