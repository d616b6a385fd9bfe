package io.geoingest.cli.stac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.geoingest.cli.CliException;
import io.geoingest.cli.upload.LocalFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A file that ends before its size, with its size and time as they were, is no compressed copy. */
class GzipEndedEarlyTest {
    /** On Linux a file of 4096 bytes by its size that holds a few: the CPUs online, "0-1". */
    private static final Path SHORTER_THAN_ITS_SIZE = Path.of("/sys/devices/system/cpu/online");

    @Test
    void aFileThatEndsBeforeItsSizeFailsSayingSo() throws IOException {
        assumeTrue(Files.isReadable(SHORTER_THAN_ITS_SIZE), "no " + SHORTER_THAN_ITS_SIZE + " here");
        LocalFile source = LocalFile.of(SHORTER_THAN_ITS_SIZE);
        long holds = Files.readAllBytes(SHORTER_THAN_ITS_SIZE).length;
        assumeTrue(holds < source.size(), SHORTER_THAN_ITS_SIZE + " holds as much as its size says");

        CliException failure = assertThrows(CliException.class, () -> GzipFile.of(source, read -> { }).close());

        assertEquals("cannot compress " + SHORTER_THAN_ITS_SIZE + ": it ended after " + holds + " of its " + source.size()
                + " bytes", failure.getMessage());
    }
}
