package io.geoingest.cli.stac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.cli.CliException;
import io.geoingest.cli.upload.LocalFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --gzip} does not refuse a file larger than the free space, which it may well compress
 * into it; a copy that runs out of room is removed, and the line says where to find more.
 */
class GzipRoomTest {
    private static final long ROOM = 64 * 1024;

    @TempDir
    Path work;

    @Test
    void aCopyThatRunsOutOfRoomIsRemovedAndSaysWhereToFindMore() throws IOException {
        byte[] noise = new byte[4 * 1024 * 1024];
        new Random(3).nextBytes(noise);
        Path file = Files.write(work.resolve("noise.bin"), noise);
        Path folder = Files.createDirectory(work.resolve("tmp"));

        CliException failure = assertThrows(CliException.class, () -> GzipFile.of(LocalFile.of(file), read -> { }, folder,
                target -> new FullDisk(Files.newOutputStream(target))));

        assertEquals("--gzip makes a compressed copy of noise.bin in " + folder + ", which could not be written there (No"
                + " space left on device): free some space, choose another folder"
                + " (GEOINGEST_CLI_JAVA_OPTS=-Djava.io.tmpdir=/a/larger/disk), or upload without --gzip", failure.getMessage());
        try (Stream<Path> left = Files.list(folder)) {
            assertEquals(List.of(), left.toList(), "the copy was left behind");
        }
    }

    @Test
    void aFileLargerThanTheRoomThereIsThatCompressesIntoItIsCompressed() throws IOException {
        Path file = Files.write(work.resolve("zeros.bin"), new byte[4 * 1024 * 1024]);
        Path folder = Files.createDirectory(work.resolve("tmp"));

        try (GzipFile copy = GzipFile.of(LocalFile.of(file), read -> { }, folder,
                target -> new FullDisk(Files.newOutputStream(target)))) {
            assertTrue(Files.size(copy.path()) < ROOM, Files.size(copy.path()) + " bytes");
        }
    }

    /** A disk with {@link #ROOM} bytes free. */
    private static final class FullDisk extends OutputStream {
        private final OutputStream out;
        private long written;

        FullDisk(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (written + len > ROOM) {
                throw new IOException("No space left on device");
            }
            out.write(b, off, len);
            written += len;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
