package io.geoingest.status.download;

import io.geoingest.common.error.FileApiProblem;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import io.geoingest.common.storage.StorageConfig;
import io.geoingest.common.storage.PublicPresigner;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URL;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigned GET URLs for stored files. They are signed for the public storage endpoint, so that
 * clients download straight from storage, and they fix how the download is served: its media
 * type and a {@code Content-Disposition} with the original file name.
 */
@ApplicationScoped
public class DownloadUrls {
    private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    @Inject
    @Named("public")
    S3Presigner presigner;

    @Inject
    StorageConfig storage;

    @Inject
    DownloadConfig config;

    /** Refuses to start with a validity storage would not honour, rather than failing every download. */
    void checkValidity(@Observes StartupEvent event) {
        PublicPresigner.requireSignable("geoingest.download.url-validity", config.urlValidity());
    }

    /**
     * A URL that downloads the file; only a COMPLETED file can be downloaded. With
     * {@code useDefaultContentType} the download is served as {@code application/octet-stream},
     * otherwise as the media type the worker detected, when it did.
     */
    public URL forFile(FileRecord file, boolean useDefaultContentType) {
        return forFile(file, servedContentType(file, useDefaultContentType));
    }

    /**
     * The URL of a file served as {@code contentType} (none: storage's own), such as the media type
     * a STAC asset declares: a file uploaded compressed is detected as gzip, but is the asset's type
     * delivered with a Content-Encoding.
     */
    public URL forFile(FileRecord file, Optional<String> contentType) {
        if (file.status != FileStatus.COMPLETED) {
            throw FileApiProblem.notReadyForDownload(file.status);
        }
        GetObjectRequest.Builder get = GetObjectRequest.builder()
                .bucket(storage.bucket())
                .key(file.objectKey)
                .responseContentDisposition(ContentDisposition.attachment(file.originalName));
        contentType.ifPresent(get::responseContentType);
        return presigner.presignGetObject(presign -> presign
                        .signatureDuration(config.urlValidity())
                        .getObjectRequest(get.build()))
                .url();
    }

    private static Optional<String> servedContentType(FileRecord file, boolean useDefaultContentType) {
        if (useDefaultContentType) {
            return Optional.of(DEFAULT_CONTENT_TYPE);
        }
        return Optional.ofNullable(file.contentType).filter(type -> !type.isBlank());
    }
}
