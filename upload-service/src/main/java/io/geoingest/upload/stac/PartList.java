package io.geoingest.upload.stac;

import java.util.List;

public record PartList(List<StoredPartView> parts, List<Link> links) {
}
