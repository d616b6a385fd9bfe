package io.geoingest.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A class-data-sharing archive (dynamic AppCDS) for one build of one service. The first run of a
 * build records the classes it loaded when it stops; later runs map them instead of loading and
 * verifying some twenty thousand classes again, which makes a service ready about a quarter sooner
 * (bench/startup.sh). The archive is named after the build (names, sizes and times of the
 * application's files), so a rebuilt service never meets an archive of other jars; it is written
 * under a temporary name and kept only when the service stopped cleanly.
 */
final class ClassDataArchive {
    private final Path archive;
    private final Path recording;

    private ClassDataArchive(Path archive) {
        this.archive = archive;
        // Of this run only: two first runs at once must not write into one file.
        this.recording = archive.resolveSibling(archive.getFileName() + "." + UUID.randomUUID() + ".recording");
    }

    /** The archive of the application in {@code quarkusApp} (a fast-jar folder), kept in {@code folder}. */
    static ClassDataArchive of(Path quarkusApp, Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        return new ClassDataArchive(folder.resolve(name + "-" + buildId(quarkusApp) + ".jsa"));
    }

    /** The JVM options for this run: use the archive when there is one, otherwise record it. */
    List<String> javaOptions() {
        return Files.isRegularFile(archive) ? List.of("-XX:SharedArchiveFile=" + archive)
                : List.of("-XX:ArchiveClassesAtExit=" + recording);
    }

    /** Called after the JVM stopped: keeps a recording made by a clean stop, drops a cut one. */
    void stopped(boolean cleanly) throws IOException {
        if (!Files.exists(recording)) {
            return;
        }
        if (cleanly) {
            Files.move(recording, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.delete(recording);
        }
    }

    private static String buildId(Path quarkusApp) throws IOException {
        MessageDigest digest = sha256();
        try (Stream<Path> files = Files.walk(quarkusApp)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String entry = quarkusApp.relativize(file) + "|" + Files.size(file) + "|"
                        + Files.getLastModifiedTime(file).toMillis() + "\n";
                digest.update(entry.getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
