package io.geoingest.status;

import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import io.geoingest.common.file.SourceType;
import io.geoingest.common.storage.ObjectKeys;
import io.geoingest.testing.AsDatabaseOwner;
import io.geoingest.testing.TestInfrastructure;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Files as the upload-service and the worker leave them (they are other modules): rows written
 * straight to the database and objects straight to storage.
 */
public final class TestFiles {
    private TestFiles() {
    }

    /** A file row with everything a QUEUED upload has; the test changes what it needs, then saves it. */
    public static FileRecord file(String owner, FileStatus status) {
        FileRecord file = new FileRecord();
        file.id = UUID.randomUUID();
        file.originalName = "scene.tif";
        file.objectKey = ObjectKeys.forFile(file.id, file.originalName);
        file.size = 1024;
        file.sourceType = SourceType.MULTISPECTRAL;
        file.status = status;
        file.owner = owner;
        file.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        file.updatedAt = file.createdAt;
        return file;
    }

    public static FileRecord save(FileRecord file) {
        AsDatabaseOwner.run(file::persist);
        return file;
    }

    public static void update(UUID id, Consumer<FileRecord> change) {
        AsDatabaseOwner.run(() -> change.accept(FileRecord.findById(id)));
    }

    /** Stores the file's bytes under its object key, as uploaded (with the uploader's content type). */
    public static void store(FileRecord file, byte[] bytes, String uploadedContentType) {
        try (S3Client s3 = TestInfrastructure.get().s3Client()) {
            s3.putObject(put -> put.bucket(TestInfrastructure.BUCKET).key(file.objectKey).contentType(uploadedContentType),
                    RequestBody.fromBytes(bytes));
        }
    }
}
