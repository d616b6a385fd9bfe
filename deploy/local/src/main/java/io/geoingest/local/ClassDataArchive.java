package io.geoingest.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A class-data archive for one build of one service on one JVM. The first run of a build records
 * the classes it loaded when it stops; later runs map them instead of loading and verifying some
 * twenty thousand classes again (bench/startup.sh). On JDK 25 and later it is an AOT cache (JEP 483,
 * 514, 515: classes loaded and linked, with method profiles), before that a dynamic AppCDS archive.
 * Both only hold classes of the JDK's own class loaders, hence the services' aot-jar packaging.
 * The archive is named after the build (names, sizes and times of the application's files) and
 * the JVM, so a rebuilt service or another JDK never meets a foreign archive; it is written under a
 * temporary name and kept only when the service stopped cleanly. Keeping one removes the service's
 * archives of the same kind from earlier builds: each is over 100 MB, and rebuilding while
 * developing made them pile up.
 */
final class ClassDataArchive {
    /** Writing an AOT cache at exit takes a second JVM and, on two busy cores, up to half a minute. */
    private static final Duration RECORDING_STOP_TIME = Duration.ofSeconds(90);

    /** The JVM's two kinds of archive: the options that record and map one, and its file suffix. */
    private enum Kind {
        APP_CDS("-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile=", ".jsa"),
        AOT_CACHE("-XX:AOTCacheOutput=", "-XX:AOTCache=", ".aot");

        final String record;
        final String use;
        final String suffix;

        Kind(String record, String use, String suffix) {
            this.record = record;
            this.use = use;
            this.suffix = suffix;
        }

        static Kind of(Runtime.Version jvm) {
            return jvm.feature() >= 25 ? AOT_CACHE : APP_CDS;
        }
    }

    private final Path archive;
    private final Path recording;
    private final Kind kind;
    private final boolean used;
    private final Pattern sameKindOfThisService;
    private final Pattern recordingOfThisService;

    private ClassDataArchive(Path archive, String name, Kind kind, boolean used) {
        this.archive = archive;
        this.kind = kind;
        this.used = used;
        this.sameKindOfThisService = Pattern.compile(Pattern.quote(name) + "-\\p{XDigit}{16}" + Pattern.quote(kind.suffix));
        this.recordingOfThisService = Pattern.compile(sameKindOfThisService.pattern() + "\\.[-\\p{XDigit}]{36}\\.recording");
        // Of this run only: two first runs at once must not write into one file.
        this.recording = archive.resolveSibling(archive.getFileName() + "." + UUID.randomUUID() + ".recording");
    }

    /**
     * The archive of the application in {@code quarkusApp}, kept in {@code folder}, for JVMs like
     * this one run with {@code serviceOptions}.
     */
    static ClassDataArchive of(Path quarkusApp, Path folder, String name, List<String> serviceOptions) throws IOException {
        return of(quarkusApp, folder, name, Runtime.version(), serviceOptions);
    }

    /**
     * A service run with Flight Recorder takes no archive, and starts in 5 s rather than 2: JDK 17
     * (17.0.15) mapping a dynamic archive while a recording runs crashes as it loads the
     * application's first archived class (SIGSEGV in KlassFactory::check_shared_class_file_load_hook),
     * and JDK 25 refuses its AOT cache then, with errors in the service's log.
     */
    static ClassDataArchive of(Path quarkusApp, Path folder, String name, Runtime.Version jvm,
            List<String> serviceOptions) throws IOException {
        Files.createDirectories(folder);
        Kind kind = Kind.of(jvm);
        boolean flightRecorder = serviceOptions.stream().anyMatch(option -> option.startsWith("-XX:StartFlightRecording")
                || option.equals("-XX:+FlightRecorder"));
        ClassDataArchive classData = new ClassDataArchive(folder.resolve(name + "-" + buildId(quarkusApp, jvm) + kind.suffix),
                name, kind, !flightRecorder);
        classData.removeAbandonedRecordings();
        return classData;
    }

    /** The JVM options for this run: use the archive when there is one, otherwise record it. */
    List<String> javaOptions() {
        if (!used) {
            return List.of();
        }
        return List.of(Files.isRegularFile(archive) ? kind.use + archive : kind.record + recording);
    }

    /** How long a stop may take: longer when this run writes the archive as it exits. */
    Duration stopTime(Duration usual) {
        return !used || Files.isRegularFile(archive) ? usual : usual.plus(RECORDING_STOP_TIME);
    }

    /** Called after the JVM stopped: keeps a recording made by a clean stop, drops a cut one. */
    void stopped(boolean cleanly) throws IOException {
        if (!Files.exists(recording)) {
            return;
        }
        if (cleanly) {
            Files.move(recording, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            removeSuperseded();
        } else {
            Files.delete(recording);
        }
    }

    /**
     * A service killed while it wrote its recording (or a launcher killed before it could drop a cut
     * one) leaves a file of 100 MB or more. One still being written is younger than the time a
     * launcher waits for that; another suite's first run may be writing it right now.
     */
    private void removeAbandonedRecordings() throws IOException {
        Instant abandonedBefore = Instant.now().minus(RECORDING_STOP_TIME);
        try (Stream<Path> files = Files.list(archive.getParent())) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (recordingOfThisService.matcher(file.getFileName().toString()).matches()
                        && lastModified(file).filter(time -> time.isBefore(abandonedBefore)).isPresent()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Empty when another suite's run kept or dropped the file since it was listed. */
    private static Optional<Instant> lastModified(Path file) throws IOException {
        try {
            return Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private void removeSuperseded() throws IOException {
        try (Stream<Path> files = Files.list(archive.getParent())) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String fileName = file.getFileName().toString();
                if (!file.equals(archive) && sameKindOfThisService.matcher(fileName).matches()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static String buildId(Path quarkusApp, Runtime.Version jvm) throws IOException {
        MessageDigest digest = sha256();
        digest.update((jvm + "|" + System.getProperty("java.home") + "\n").getBytes(StandardCharsets.UTF_8));
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
