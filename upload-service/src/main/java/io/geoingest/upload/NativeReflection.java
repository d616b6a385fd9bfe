package io.geoingest.upload;

import io.geoingest.upload.auth.ApiKeyResource;
import io.geoingest.upload.chunked.ChunkedUploadResource;
import io.geoingest.upload.direct.DirectUploadResource;
import io.geoingest.upload.stac.Md5Part;
import io.geoingest.upload.stac.PartUrl;
import io.geoingest.upload.stac.StacUploadResource;
import io.geoingest.upload.stac.StacUploadView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Classes reached by reflection that a native build cannot see on its own: the MD5 list stored as
 * JSON text in the upload table and the upload view returned inside a {@code Response} (both by
 * Jackson), and every resource, whose JAX-RS annotations tell which methods each path takes
 * (answering 405 for the others).
 */
@RegisterForReflection(targets = {Md5Part.class, PartUrl.class, StacUploadView.class, DirectUploadResource.class,
        ChunkedUploadResource.class, ApiKeyResource.class, StacUploadResource.class})
public final class NativeReflection {
    private NativeReflection() {
    }
}
