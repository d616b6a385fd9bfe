package io.geoingest.upload.chunked;

import io.geoingest.common.auth.Caller;
import io.geoingest.common.error.FileApiProblem;
import io.geoingest.upload.UploadConfig;
import io.geoingest.upload.files.Spool;
import io.geoingest.upload.files.SpooledFile;
import io.geoingest.upload.limits.RequestSizeLimits;
import io.geoingest.upload.multipart.FormContent;
import io.geoingest.upload.multipart.MultipartForm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * Takes one {@code uploadChunk} request in: the chunk is spooled to disk as it arrives (the fields
 * that say where it goes may follow it, and a storage part needs its length up front), stored,
 * and the spooled copy removed whatever happened.
 */
@ApplicationScoped
public class ChunkReceiver {
    /** The spec's answer to a chunk the server failed to take. */
    private static final String FAILED = "Failed to upload chunk";

    @Inject
    Spool spool;

    @Inject
    ChunkedUploads uploads;

    @Inject
    UploadConfig config;

    public ChunkStored receive(Caller caller, String contentType, InputStream body, String uploadId, String key,
            String partNumber) {
        long maxSize = config.chunkMaxSize().asLongValue();
        FormContent<SpooledFile> form = MultipartForm.read(contentType, OptionalLong.empty(), body,
                spool.upTo(maxSize, () -> FileApiProblem.tooLarge(RequestSizeLimits.chunkTooLarge(maxSize)),
                        () -> FileApiProblem.serverFailure(FAILED)));
        try {
            ChunkRequest chunk = ChunkRequest.of(form, uploadId, key, partNumber);
            return FileApiProblem.failingAs(FAILED, () -> uploads.storeChunk(caller, chunk));
        } finally {
            form.file().ifPresent(spool::delete);
        }
    }
}
