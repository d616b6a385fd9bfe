package io.geoingest.status.file;

import io.geoingest.common.auth.Caller;
import io.geoingest.common.error.FileApiProblem;
import io.geoingest.common.file.FileRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/** Files as a caller may see them: admins every file, anyone else only the files they own. */
@ApplicationScoped
public class VisibleFiles {

    /**
     * The file with this id if the caller may see it; otherwise 404 {@code File not found}, as for a
     * malformed id (parsed by the caller, which puts the id in the log context first).
     */
    public FileRecord require(UUID id, Caller caller) {
        return current(id).filter(file -> caller.maySee(file.owner)).orElseThrow(FileApiProblem::fileNotFound);
    }

    /**
     * Whether the caller may have the file through the STAC catalog: one uploaded to an asset there
     * is the catalog's, readable by all; one uploaded through the file API as {@link #require} allows.
     */
    public boolean inCatalog(FileRecord file, Caller caller) {
        return file.stacCollection != null || caller.maySee(file.owner);
    }

    /** The file as stored now, whoever asks: for re-reading a file the caller was already allowed to see. */
    @Transactional
    public Optional<FileRecord> current(UUID id) {
        return FileRecord.findByIdOptional(id);
    }
}
