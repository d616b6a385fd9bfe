package io.geoingest.upload.files;

import io.geoingest.common.spool.ProcessSpoolDirectory;
import io.geoingest.upload.UploadConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;

/** Where this upload-service spools chunks: its own directory under {@code geoingest.upload.spool-directory}. */
@ApplicationScoped
public class SpoolDirectory extends ProcessSpoolDirectory {

    @Inject
    UploadConfig config;

    @Override
    protected Path root() {
        return config.spoolDirectory();
    }

    @Override
    protected boolean isOldLayoutFile(String name) {
        return Spool.isSpoolFile(name);
    }
}
