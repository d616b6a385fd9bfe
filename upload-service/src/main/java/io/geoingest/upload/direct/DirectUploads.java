package io.geoingest.upload.direct;

import io.geoingest.common.auth.Caller;
import io.geoingest.common.error.FileApiProblem;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.logging.FileLogContext;
import io.geoingest.common.storage.ObjectKeys;
import io.geoingest.common.time.StorableDates;
import io.geoingest.upload.UploadConfig;
import io.geoingest.upload.files.FileRegistry;
import io.geoingest.upload.files.NewFile;
import io.geoingest.upload.files.RequestValues;
import io.geoingest.upload.files.UploadMetadata;
import io.geoingest.upload.files.UploadedFile;
import io.geoingest.upload.limits.RequestSizeLimits;
import io.geoingest.upload.metrics.UploadMetrics;
import io.geoingest.upload.multipart.FilePart;
import io.geoingest.upload.multipart.FormContent;
import io.geoingest.upload.multipart.MultipartForm;
import io.geoingest.upload.storage.NoBufferFreeException;
import io.geoingest.upload.storage.ObjectTooLargeException;
import io.geoingest.upload.storage.StreamedObjects;
import io.geoingest.upload.storage.UploadStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Stores a directly uploaded file: its bytes go to storage while the request arrives, then the
 * file is recorded QUEUED with its event. An object whose recording failed is removed once its row
 * is known to be missing; the multipart upload an upload cut off (a crash, a stop) leaves is
 * aborted by {@link DirectUploadLeftovers}.
 */
@ApplicationScoped
public class DirectUploads {
    private static final Logger LOG = Logger.getLogger(DirectUploads.class);
    private static final String FAILED = "Internal Server Error";
    private static final String UNNAMED = "file";
    /** Well beyond what a backend takes to finish a commit whose client went away. */
    private static final Duration COMMIT_SETTLING = Duration.ofSeconds(2);

    @Inject
    StreamedObjects objects;

    @Inject
    UploadStorage storage;

    @Inject
    FileRegistry files;

    @Inject
    UploadConfig config;

    @Inject
    UploadMetrics metrics;

    public UploadedFile upload(Caller caller, String contentType, OptionalLong bodyLength, InputStream body,
            String sourceTypeQuery, String fileSizeQuery) {
        DirectUpload.checkQuery(sourceTypeQuery, fileSizeQuery);
        UUID id = UUID.randomUUID();
        try (FileLogContext logContext = FileLogContext.forRequest(id);
                UploadMetrics.InProgress counted = metrics.directUploadStarted()) {
            return upload(id, caller, contentType, bodyLength, body, sourceTypeQuery, fileSizeQuery);
        }
    }

    private UploadedFile upload(UUID id, Caller caller, String contentType, OptionalLong bodyLength, InputStream body,
            String sourceTypeQuery, String fileSizeQuery) {
        IntoStorage intoStorage = new IntoStorage(id);
        FormContent<StoredFile> form = MultipartForm.read(contentType, bodyLength, body, intoStorage);
        DirectUpload upload;
        try {
            upload = DirectUpload.of(form, sourceTypeQuery, fileSizeQuery);
        } catch (FileApiProblem e) {
            form.file().ifPresent(intoStorage::discard);
            throw e;
        }
        StoredFile stored = upload.file();
        NewFile file = new NewFile(id, stored.name(), stored.key(), upload.declaredSize().orElse(stored.size()),
                upload.sourceType(), caller.owner(), StorableDates.now(), UploadMetadata.none());
        FileRecord record = record(file, stored, intoStorage);
        try {
            metrics.fileStored(UploadMetrics.UploadPath.DIRECT, record.id, stored.size());
        } catch (RuntimeException e) {
            LOG.warnf(e, "File %s is stored and queued, but could not be counted", id);
        }
        return UploadedFile.of(record, stored.size());
    }

    /**
     * A recording that failed may still have been committed (its answer lost on the way back), and
     * then its QUEUED row and event point at the object: the object is only removed once the row is
     * known to be missing, and a row found after all is the file recorded.
     */
    private FileRecord record(NewFile file, StoredFile stored, IntoStorage intoStorage) {
        try {
            return files.register(file);
        } catch (RuntimeException failure) {
            Optional<FileRecord> recorded = recordedAfterAll(file.id(), stored.key(), failure);
            if (recorded.isPresent()) {
                LOG.warnf(failure, "Recording file %s answered with a failure, but it was recorded", file.id());
                return recorded.get();
            }
            LOG.errorf(failure, "Could not record file %s; removing its object", file.id());
            intoStorage.discard(stored);
            throw FileApiProblem.serverFailure(FAILED);
        }
    }

    /**
     * The row of a file whose recording failed, looked for again after {@link #COMMIT_SETTLING} when
     * not found at once: the look goes over another connection, and the commit may still be finishing
     * on the backend of the one that failed. A look that fails keeps the object and throws.
     */
    private Optional<FileRecord> recordedAfterAll(UUID id, String key, RuntimeException failure) {
        try {
            Optional<FileRecord> recorded = files.recorded(id);
            if (recorded.isEmpty()) {
                Thread.sleep(COMMIT_SETTLING.toMillis());
                recorded = files.recorded(id);
            }
            return recorded;
        } catch (RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failure.addSuppressed(e);
            LOG.errorf(failure, "Could not record file %s, nor tell whether it was; keeping its object %s", id, key);
            throw FileApiProblem.serverFailure(FAILED);
        }
    }

    /** Streams the file part of one request into its object. */
    private final class IntoStorage implements FilePart<StoredFile> {
        private final UUID id;

        IntoStorage(UUID id) {
            this.id = id;
        }

        @Override
        public StoredFile store(Optional<String> fileName, InputStream content, OptionalLong lengthIfLast)
                throws IOException {
            String name = fileName.flatMap(RequestValues::originalName).orElse(UNNAMED);
            String key = ObjectKeys.forFile(id, name);
            long maxSize = config.directMaxSize().asLongValue();
            try {
                return new StoredFile(name, key, objects.store(key, content, lengthIfLast, maxSize));
            } catch (ObjectTooLargeException e) {
                throw FileApiProblem.tooLarge(RequestSizeLimits.directTooLarge(maxSize));
            } catch (NoBufferFreeException e) {
                LOG.warnf("No memory freed within %s to store %s: too many uploads at once", e.waited(), key);
                throw FileApiProblem.busy("Service Unavailable: too many uploads at once; try again later", e.waited());
            } catch (SdkException e) {
                LOG.errorf(e, "Could not store %s", key);
                throw FileApiProblem.serverFailure(FAILED);
            }
        }

        @Override
        public void discard(StoredFile stored) {
            if (!stored.empty()) {
                storage.deleteQuietly(stored.key());
            }
        }
    }
}
