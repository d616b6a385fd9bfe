package io.geoingest.upload.files;

import java.io.IOException;
import java.nio.file.Files;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** The files a multipart request was written to: deleted as soon as their bytes are in storage, or refused. */
public final class TemporaryUploads {
    private static final Logger LOG = Logger.getLogger(TemporaryUploads.class);

    private TemporaryUploads() {
    }

    public static void delete(FileUpload upload) {
        if (upload == null || upload.uploadedFile() == null) {
            return;
        }
        try {
            Files.deleteIfExists(upload.uploadedFile());
        } catch (IOException e) {
            LOG.warnf(e, "Could not delete the temporary file %s", upload.uploadedFile());
        }
    }
}
