package io.geoingest.upload.files;

import io.geoingest.common.event.FileUploaded;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import io.geoingest.common.outbox.Outbox;
import io.geoingest.common.storage.StorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Records a stored file as QUEUED and announces it, in one transaction: either both happen or neither. */
@ApplicationScoped
public class FileRegistry {

    @Inject
    Outbox outbox;

    @Inject
    StorageConfig storage;

    @Transactional
    public FileRecord register(NewFile file) {
        FileRecord record = new FileRecord();
        record.id = file.id();
        record.originalName = file.originalName();
        record.objectKey = file.objectKey();
        record.size = file.size();
        record.sourceType = file.sourceType();
        record.status = FileStatus.QUEUED;
        record.owner = file.owner();
        record.createdAt = file.createdAt();
        record.updatedAt = file.createdAt();
        record.geometry = file.metadata().geometry().orElse(null);
        record.acquisitionDate = file.metadata().acquisitionDate().orElse(null);
        record.layerProperties = file.metadata().layerProperties().orElse(null);
        record.vectorMappingProperties = file.metadata().vectorMappingProperties().orElse(null);
        record.persistAndFlush();
        outbox.fileUploaded(new FileUploaded(record.id, storage.bucket(), record.objectKey, record.size,
                record.sourceType, null, record.owner, null, record.createdAt));
        return record;
    }
}
