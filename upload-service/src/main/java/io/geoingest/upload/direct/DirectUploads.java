package io.geoingest.upload.direct;

import io.geoingest.common.auth.Caller;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.storage.ObjectKeys;
import io.geoingest.upload.ApiProblem;
import io.geoingest.upload.UploadConfig;
import io.geoingest.upload.files.FileRegistry;
import io.geoingest.upload.files.NewFile;
import io.geoingest.upload.files.RequestValues;
import io.geoingest.upload.files.UploadMetadata;
import io.geoingest.upload.files.UploadedFile;
import io.geoingest.upload.limits.RequestSizeLimits;
import io.geoingest.upload.storage.UploadStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Stores a directly uploaded file: its bytes go from the request's temporary file to storage,
 * then the file is recorded QUEUED with its event. Storage never keeps an object without a file row.
 */
@ApplicationScoped
public class DirectUploads {
    private static final Logger LOG = Logger.getLogger(DirectUploads.class);
    private static final String FAILED = "Internal Server Error";
    private static final String UNNAMED = "file";

    @Inject
    UploadStorage storage;

    @Inject
    FileRegistry files;

    @Inject
    UploadConfig config;

    public UploadedFile upload(Caller caller, DirectUpload upload) {
        long received = upload.file().size();
        long maxSize = config.directMaxSize().asLongValue();
        if (received > maxSize) {
            throw ApiProblem.tooLarge(RequestSizeLimits.directTooLarge(maxSize));
        }
        UUID id = UUID.randomUUID();
        String name = RequestValues.originalName(upload.file().fileName()).orElse(UNNAMED);
        String key = ObjectKeys.forFile(id, name);
        try {
            storage.put(key, upload.file().uploadedFile());
        } catch (SdkException e) {
            LOG.errorf(e, "Could not store %s", key);
            throw ApiProblem.serverFailure(FAILED);
        }
        NewFile file = new NewFile(id, name, key, upload.declaredSize().orElse(received), upload.sourceType(),
                caller.owner(), Instant.now().truncatedTo(ChronoUnit.MILLIS), UploadMetadata.none());
        try {
            FileRecord record = files.register(file);
            return UploadedFile.of(record, received);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record file %s; removing its object", id);
            storage.deleteQuietly(key);
            throw ApiProblem.serverFailure(FAILED);
        }
    }
}
