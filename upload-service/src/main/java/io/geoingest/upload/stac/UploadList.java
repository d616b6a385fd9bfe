package io.geoingest.upload.stac;

import java.util.List;

public record UploadList(List<StacUploadView> uploads, List<Link> links) {
}
