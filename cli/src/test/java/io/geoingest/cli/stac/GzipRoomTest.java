package io.geoingest.cli.stac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.cli.CommandRun;
import io.geoingest.cli.ExitCode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --gzip} says up front when its compressed copy may not fit, rather than filling the disk. */
class GzipRoomTest {

    @TempDir
    Path work;

    @Test
    void aFileLargerThanTheFreeSpaceForItsCopyIsRefusedBeforeItIsRead() throws IOException {
        Path folder = Path.of(System.getProperty("java.io.tmpdir"));
        Path huge = work.resolve("huge.bin");
        // sparse: it takes no room itself
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(Files.getFileStore(folder).getUsableSpace() + (1L << 30));
        }
        try (FakeStac stac = new FakeStac()) {
            CommandRun run = CommandRun.of(stac.url(), work, "stac-upload", "huge.bin", "--collection", "c", "--item", "i",
                    "--asset", "a", "--gzip", "--no-wait");

            assertEquals(ExitCode.FAILURE, run.exitCode(), run.err());
            assertTrue(run.err().startsWith("geoingest: --gzip makes a compressed copy of huge.bin in " + folder
                    + ", which needs up to "), run.err());
            assertTrue(run.err().contains(" free there but has "), run.err());
            assertTrue(run.err().strip().endsWith(": free some space, choose another folder"
                    + " (GEOINGEST_CLI_JAVA_OPTS=-Djava.io.tmpdir=/a/larger/disk), or upload without --gzip"), run.err());
        }
    }
}
