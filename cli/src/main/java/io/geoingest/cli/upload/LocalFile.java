package io.geoingest.cli.upload;

import io.geoingest.cli.CliException;
import io.geoingest.cli.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The file being uploaded, as it was when the upload started. */
public record LocalFile(Path path, long size, long modifiedMillis) {

    /** @throws UsageException when there is no readable file at {@code path} */
    public static LocalFile of(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new UsageException(Files.isDirectory(absolute) ? path + " is a directory, not a file" : "no such file: " + path);
        }
        if (!Files.isReadable(absolute)) {
            throw new UsageException("cannot read " + path + ": permission denied");
        }
        try {
            return new LocalFile(absolute, Files.size(absolute), Files.getLastModifiedTime(absolute).toMillis());
        } catch (IOException e) {
            throw new CliException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return path.getFileName().toString();
    }

    /** Fails when the file was changed since: the parts sent would not make up one file. */
    public void checkUnchanged() {
        if (changed()) {
            throw new CliException(path + " changed or was removed during the upload; run the command again to upload"
                    + " it anew");
        }
    }

    /** Whether the file's size or modification time differ from when the upload started, or it is gone. */
    public boolean changed() {
        try {
            return Files.size(path) != size || Files.getLastModifiedTime(path).toMillis() != modifiedMillis;
        } catch (IOException e) {
            return true;
        }
    }
}
