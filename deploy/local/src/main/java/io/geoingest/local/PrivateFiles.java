package io.geoingest.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files that hold keys: readable by the owner only from their first byte, and never seen half written. */
final class PrivateFiles {
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private PrivateFiles() {
    }

    /** Creates the directory and its missing parents for the owner only; one already there is left as it is. */
    static Path createDirectories(Path directory) throws IOException {
        return Files.createDirectories(directory, OWNER_ONLY_DIRECTORY);
    }

    /**
     * Writes a temporary file next to {@code file}, created 0600 rather than with the umask and
     * changed after, and moves it in place: a launcher killed or a disk filling up mid-write leaves
     * the previous file or none, not one cut short that the next start would take as it is.
     */
    static void write(Path file, String text) throws IOException {
        Path written = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".new", OWNER_ONLY_FILE);
        try {
            try (FileChannel channel = FileChannel.open(written, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                // on disk before the move, or a power cut could leave the new name on an empty file
                channel.force(true);
            }
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(written);
        }
    }
}
