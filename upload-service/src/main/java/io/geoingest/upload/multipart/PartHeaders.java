package io.geoingest.upload.multipart;

import java.util.Optional;

/** What a part's Content-Disposition says: its form field name, and the file name when it carries a file. */
public record PartHeaders(String name, Optional<String> fileName) {

    public boolean isFile() {
        return fileName.isPresent();
    }
}
