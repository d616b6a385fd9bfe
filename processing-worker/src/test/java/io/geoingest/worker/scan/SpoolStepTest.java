package io.geoingest.worker.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolStepTest {

    @TempDir
    Path directory;

    /**
     * A full spool volume mid-copy: the copy is dropped and its disk freed, and the pass goes on to
     * read the file from storage. The write failure was thrown as a storage fault: the file was
     * downloaded again eight times onto the same full disk, then dead-lettered.
     */
    @Test
    void aCopyTheDiskCannotHoldIsDroppedNotThrown() throws Exception {
        Path file = Files.createFile(directory.resolve("spool-full.bin"));
        OutputStream fullAfterEightBytes = new FilterOutputStream(Files.newOutputStream(file)) {
            private int written;

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (written + length > 8) {
                    throw new IOException("No space left on device");
                }
                out.write(bytes, offset, length);
                written += length;
            }
        };
        try (SpoolStep spool = new SpoolStep(file, fullAfterEightBytes, 1024)) {
            spool.update(new byte[8], 0, 8);
            spool.update(new byte[8], 0, 8);
            spool.update(new byte[8], 0, 8);

            assertFalse(Files.exists(file), "the partial copy is removed at once");
            assertEquals(Optional.empty(), spool.complete());
            assertEquals("No space left on device", spool.failure().map(Throwable::getMessage).orElseThrow());
        }
    }
}
