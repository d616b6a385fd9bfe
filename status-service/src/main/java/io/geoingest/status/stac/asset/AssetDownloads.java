package io.geoingest.status.stac.asset;

import io.geoingest.common.auth.Caller;
import io.geoingest.common.error.StacProblem;
import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import io.geoingest.common.stac.StacAssetId;
import io.geoingest.status.download.DownloadUrls;
import io.geoingest.status.file.VisibleFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Presigned download URLs for asset files, the same as the file API makes (public storage
 * endpoint, original name), served as the media type the asset declares, else the detected one. The catalog is readable by every authenticated
 * caller, and so are the files uploaded to its assets; a file uploaded through the file API only
 * by its owner and files_admin, as on the file API.
 */
@ApplicationScoped
public class AssetDownloads {
    /** What the href of an asset answers before its file is uploaded (STAC requires an href from the start). */
    static final String NO_FILE = "The asset has no file yet: upload one through its uploads (.../uploads), then"
            + " download it here";

    @Inject
    AssetReader reader;

    @Inject
    VisibleFiles files;

    @Inject
    DownloadUrls downloads;

    public URI url(Caller caller, StacAssetId key) {
        AssetRow asset = reader.find(key, caller).orElseThrow(StacProblem::assetNotFound);
        FileRecord file = asset.file().flatMap(uploaded -> files.current(uploaded.id()))
                .orElseThrow(() -> StacProblem.notFound(NO_FILE));
        // the reader hides the item of such a file already; this is the file API's own rule, should that ever change
        if (!files.inCatalog(file, caller)) {
            throw StacProblem.assetNotFound();
        }
        if (file.status == FileStatus.FAILED) {
            throw StacProblem.conflict("The asset's file failed processing and cannot be downloaded: "
                    + file.failureReason);
        }
        if (file.status != FileStatus.COMPLETED) {
            throw StacProblem.conflict("The asset's file is not ready for download yet: status " + file.status);
        }
        try {
            return downloads.forFile(file, asset.type().or(() -> Optional.ofNullable(file.contentType))).toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the presigner made a URL that is not a URI", e);
        }
    }
}
