package io.geoingest.upload.files;

import java.nio.file.Path;

/** The file part of a request, written down in the spool directory: {@code size} bytes at {@code path}. */
public record SpooledFile(Path path, long size) {
}
