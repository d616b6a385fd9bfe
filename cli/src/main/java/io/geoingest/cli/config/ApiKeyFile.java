package io.geoingest.cli.config;

import io.geoingest.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * An API key kept in a file ({@code --api-key-file}), which, unlike {@code --api-key}, other users
 * do not see in the process list. A file they may read is still used, with a warning, as ssh warns
 * of a key file left open: refusing it would break a job over a mode, while the warning says how to
 * close it.
 */
public final class ApiKeyFile {
    public static final String FLAG = "--api-key-file";

    private ApiKeyFile() {
    }

    /** The file's content without the whitespace around it (the line end an editor or echo adds). */
    public static String read(Path file, PrintStream warnings) {
        String key;
        try {
            key = Files.readString(file).strip();
        } catch (NoSuchFileException e) {
            throw new UsageException(FLAG + ": no such file: " + file);
        } catch (IOException e) {
            throw new UsageException(FLAG + ": cannot read " + file + ": " + e);
        }
        if (key.isEmpty()) {
            throw new UsageException(FLAG + ": " + file + " is empty");
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                warnings.println("geoingest: warning: other users may read the API key in " + file + " ("
                        + PosixFilePermissions.toString(permissions) + "); make it yours alone: chmod 600 " + file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // a file system without POSIX modes (or one that cannot tell) has nothing to warn of
        }
        return key;
    }
}
