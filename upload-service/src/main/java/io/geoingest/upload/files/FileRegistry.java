package io.geoingest.upload.files;

import io.geoingest.common.event.FileUploaded;
import io.geoingest.common.event.StacTarget;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import io.geoingest.common.outbox.Outbox;
import io.geoingest.common.storage.StorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/** Records a stored file as QUEUED and announces it, in one transaction: either both happen or neither. */
@ApplicationScoped
public class FileRegistry {

    @Inject
    Outbox outbox;

    @Inject
    StorageConfig storage;

    @Transactional
    public FileRecord register(NewFile file) {
        return register(file, Optional.empty(), Optional.empty());
    }

    /** The file's row, if it was recorded: the one way to know after a recording that failed whether it was committed. */
    @Transactional
    public Optional<FileRecord> recorded(UUID id) {
        return FileRecord.findByIdOptional(id);
    }

    /**
     * Records a file whose content the client described in advance: the worker verifies the
     * stored bytes against {@code expectedChecksum}, and a file of a STAC asset updates that asset.
     */
    @Transactional
    public FileRecord register(NewFile file, Optional<String> expectedChecksum, Optional<StacTarget> stac) {
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
        record.expectedChecksum = expectedChecksum.orElse(null);
        stac.ifPresent(target -> {
            record.stacCollection = target.collection();
            record.stacItem = target.item();
            record.stacAsset = target.asset();
        });
        record.persistAndFlush();
        outbox.fileUploaded(FileUploaded.of(record, storage.bucket()));
        return record;
    }
}
