package io.geoingest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service's first run records its classes, later runs of the same build use them, a new build records again. */
class ClassDataArchiveTest {
    @TempDir
    Path temp;

    @Test
    void aCleanFirstRunLeavesAnArchiveThatTheNextRunUses() throws IOException {
        Path app = application("lib.jar", "jar bytes");
        ClassDataArchive first = runThatRecorded(app, "upload-service", "classes");

        first.stopped(true);

        String option = ClassDataArchive.of(app, temp.resolve("cds"), "upload-service").javaOptions().get(0);
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
        recordingOf(ClassDataArchive.of(app, temp.resolve("cds"), "status-service"));
    }

    @Test
    void aRebuiltApplicationGetsAnArchiveOfItsOwn() throws IOException {
        Path app = application("lib.jar", "jar bytes");
        runThatRecorded(app, "processing-worker", "classes").stopped(true);

        Files.writeString(app.resolve("lib.jar"), "other jar bytes");

        List<String> options = ClassDataArchive.of(app, temp.resolve("cds"), "processing-worker").javaOptions();
        assertTrue(options.get(0).startsWith("-XX:ArchiveClassesAtExit="), options.toString());
    }

    @Test
    void twoFirstRunsAtOnceRecordIntoDifferentFiles() throws IOException {
        Path app = application("lib.jar", "jar bytes");

        assertNotEquals(recordingOf(ClassDataArchive.of(app, temp.resolve("cds"), "upload-service")),
                recordingOf(ClassDataArchive.of(app, temp.resolve("cds"), "upload-service")));
    }

    private ClassDataArchive runThatRecorded(Path app, String service, String recorded) throws IOException {
        ClassDataArchive run = ClassDataArchive.of(app, temp.resolve("cds"), service);
        Files.writeString(recordingOf(run), recorded);
        return run;
    }

    private Path application(String file, String content) throws IOException {
        Path app = Files.createDirectories(temp.resolve("quarkus-app"));
        Files.writeString(app.resolve(file), content);
        return app;
    }

    private static Path recordingOf(ClassDataArchive archive) {
        List<String> options = archive.javaOptions();
        assertEquals(1, options.size());
        assertTrue(options.get(0).startsWith("-XX:ArchiveClassesAtExit="), options.get(0));
        return Path.of(options.get(0).substring(options.get(0).indexOf('=') + 1));
    }
}
