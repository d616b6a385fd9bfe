package io.geoingest.upload;

import io.geoingest.upload.stac.Md5Part;
import io.geoingest.upload.stac.PartUrl;
import io.geoingest.upload.stac.StacUploadView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Classes Jackson reaches by reflection that a native build cannot see on its own: the MD5 list
 * stored as JSON text in the upload table, and the upload view returned inside a {@code Response}.
 */
@RegisterForReflection(targets = {Md5Part.class, PartUrl.class, StacUploadView.class})
public final class NativeReflection {
    private NativeReflection() {
    }
}
