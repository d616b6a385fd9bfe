package io.geoingest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service's first run records its classes, later runs of the same build on the same JVM use them,
 * a new build or another JVM records again.
 */
class ClassDataArchiveTest {
    private static final Runtime.Version JDK_17 = Runtime.Version.parse("17.0.15+6");
    private static final Runtime.Version JDK_25 = Runtime.Version.parse("25.0.3+9");

    @TempDir
    Path temp;

    @Test
    void aCleanFirstRunLeavesAnArchiveThatTheNextRunUses() throws IOException {
        Path app = application("lib.jar", "jar bytes");
        ClassDataArchive first = runThatRecorded(app, "upload-service", "classes");

        first.stopped(true);

        String option = ClassDataArchive.of(app, temp.resolve("cds"), "upload-service", JDK_17, List.of()).javaOptions().get(0);
        assertTrue(option.startsWith("-XX:SharedArchiveFile="), option);
        assertEquals("classes", Files.readString(Path.of(option.substring(option.indexOf('=') + 1))));
    }

    @Test
    void aRecordingCutShortIsDroppedAndTheNextRunRecordsAgain() throws IOException {
        Path app = application("lib.jar", "jar bytes");
        ClassDataArchive first = runThatRecorded(app, "status-service", "half");

        first.stopped(false);

        try (var left = Files.list(temp.resolve("cds"))) {
            assertFalse(left.findAny().isPresent());
        }
        recordingOf(ClassDataArchive.of(app, temp.resolve("cds"), "status-service", JDK_17, List.of()));
    }

    @Test
    void aRebuiltApplicationGetsAnArchiveOfItsOwn() throws IOException {
        Path app = application("lib.jar", "jar bytes");
        runThatRecorded(app, "processing-worker", "classes").stopped(true);

        Files.writeString(app.resolve("lib.jar"), "other jar bytes");

        List<String> options = ClassDataArchive.of(app, temp.resolve("cds"), "processing-worker", JDK_17, List.of()).javaOptions();
        assertTrue(options.get(0).startsWith("-XX:ArchiveClassesAtExit="), options.toString());
    }

    @Test
    void keepingAnArchiveRemovesTheServicesArchivesOfEarlierBuilds() throws IOException {
        Path app = application("lib.jar", "jar bytes");
        runThatRecorded(app, "upload-service", "old classes").stopped(true);
        runThatRecorded(app, "status-service", "other service").stopped(true);
        Path aotCache = Files.writeString(temp.resolve("cds/upload-service-00112233445566ff.aot"), "JDK 25 cache");

        Files.writeString(app.resolve("lib.jar"), "rebuilt jar bytes");
        runThatRecorded(app, "upload-service", "new classes").stopped(true);

        try (var left = Files.list(temp.resolve("cds"))) {
            List<String> contents = left.filter(file -> !file.equals(aotCache)).map(ClassDataArchiveTest::read).sorted().toList();
            assertEquals(List.of("new classes", "other service"), contents);
        }
        assertTrue(Files.exists(aotCache), "an archive of the other kind stays");
    }

    @Test
    void twoFirstRunsAtOnceRecordIntoDifferentFiles() throws IOException {
        Path app = application("lib.jar", "jar bytes");

        assertNotEquals(recordingOf(ClassDataArchive.of(app, temp.resolve("cds"), "upload-service", JDK_17, List.of())),
                recordingOf(ClassDataArchive.of(app, temp.resolve("cds"), "upload-service", JDK_17, List.of())));
    }

    @Test
    void aRecordingLeftByAKilledRunIsRemovedByTheNextRunButOneBeingWrittenIsNot() throws IOException {
        Path app = application("lib.jar", "jar bytes");
        Path abandoned = recordingOf(runThatRecorded(app, "upload-service", "killed while writing"));
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofMinutes(10))));
        Path beingWritten = recordingOf(runThatRecorded(app, "upload-service", "another suite writing now"));
        Path otherService = recordingOf(runThatRecorded(app, "status-service", "another service"));
        Files.setLastModifiedTime(otherService, FileTime.from(Instant.now().minus(Duration.ofMinutes(10))));

        ClassDataArchive.of(app, temp.resolve("cds"), "upload-service", JDK_17, List.of());

        assertFalse(Files.exists(abandoned), "a recording nobody has written to for minutes is removed");
        assertTrue(Files.exists(beingWritten), "a recording written to just now may still be finished");
        assertTrue(Files.exists(otherService), "another service's recordings are its own runs' to remove");
    }

    @Test
    void onJdk25TheFirstRunWritesAnAotCacheThatTheNextRunUses() throws IOException {
        Path app = application("lib.jar", "jar bytes");
        ClassDataArchive first = ClassDataArchive.of(app, temp.resolve("cds"), "upload-service", JDK_25, List.of());
        String record = first.javaOptions().get(0);
        assertTrue(record.startsWith("-XX:AOTCacheOutput="), record);
        Files.writeString(Path.of(record.substring(record.indexOf('=') + 1)), "cache");

        first.stopped(true);

        String use = ClassDataArchive.of(app, temp.resolve("cds"), "upload-service", JDK_25, List.of()).javaOptions().get(0);
        assertTrue(use.startsWith("-XX:AOTCache="), use);
        assertEquals("cache", Files.readString(Path.of(use.substring(use.indexOf('=') + 1))));
    }

    /** JDK 17 crashed mapping the archive while Flight Recorder ran; JDK 25 refuses its AOT cache then. */
    @Test
    void aRunWithFlightRecorderTakesNoArchive() throws IOException {
        Path app = application("lib.jar", "jar bytes");
        runThatRecorded(app, "upload-service", "classes").stopped(true);
        List<String> withRecording = List.of("-Xmx384m", "-XX:StartFlightRecording=filename=/tmp/profile.jfr");

        ClassDataArchive recorded = ClassDataArchive.of(app, temp.resolve("cds"), "upload-service", JDK_17, withRecording);

        assertEquals(List.of(), recorded.javaOptions());
        Duration usual = Duration.ofSeconds(15);
        assertEquals(usual, recorded.stopTime(usual), "no archive is written as it stops");
        assertTrue(ClassDataArchive.of(app, temp.resolve("cds"), "upload-service", JDK_17, List.of("-Xmx384m"))
                .javaOptions().get(0).startsWith("-XX:SharedArchiveFile="));
        assertEquals(List.of(), ClassDataArchive.of(app, temp.resolve("cds"), "upload-service", JDK_25,
                List.of("-XX:+FlightRecorder")).javaOptions());
    }

    @Test
    void anotherJvmNeverMapsTheArchiveOfThisOne() throws IOException {
        Path app = application("lib.jar", "jar bytes");
        runThatRecorded(app, "status-service", "classes").stopped(true);

        recordingOf(ClassDataArchive.of(app, temp.resolve("cds"), "status-service", Runtime.Version.parse("17.0.16+8"), List.of()));
    }

    @Test
    void aRunThatRecordsIsGivenTimeToWriteTheArchiveWhenItStops() throws IOException {
        Path app = application("lib.jar", "jar bytes");
        Duration usual = Duration.ofSeconds(15);
        ClassDataArchive first = runThatRecorded(app, "processing-worker", "classes");
        assertTrue(first.stopTime(usual).compareTo(Duration.ofSeconds(60)) >= 0);

        first.stopped(true);

        assertEquals(usual, ClassDataArchive.of(app, temp.resolve("cds"), "processing-worker", JDK_17, List.of()).stopTime(usual));
    }

    private ClassDataArchive runThatRecorded(Path app, String service, String recorded) throws IOException {
        ClassDataArchive run = ClassDataArchive.of(app, temp.resolve("cds"), service, JDK_17, List.of());
        Files.writeString(recordingOf(run), recorded);
        return run;
    }

    private Path application(String file, String content) throws IOException {
        Path app = Files.createDirectories(temp.resolve("quarkus-app"));
        Files.writeString(app.resolve(file), content);
        return app;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path recordingOf(ClassDataArchive archive) {
        List<String> options = archive.javaOptions();
        assertEquals(1, options.size());
        assertTrue(options.get(0).startsWith("-XX:ArchiveClassesAtExit="), options.get(0));
        return Path.of(options.get(0).substring(options.get(0).indexOf('=') + 1));
    }
}
