package io.geoingest.cli.stac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.cli.upload.LocalFile;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GzipFileTest {

    @TempDir
    Path work;

    @Test
    void theCopyDecompressesToTheFileAndIsRemovedAfterwards() throws Exception {
        byte[] content = "a line of a large text file\n".repeat(100_000).getBytes();
        Path source = Files.write(work.resolve("large.txt"), content);
        AtomicLong read = new AtomicLong();

        Path copy;
        try (GzipFile gzip = GzipFile.of(LocalFile.of(source), read::addAndGet)) {
            copy = gzip.path();
            assertTrue(Files.size(copy) < content.length / 10, "compressed");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(copy))) {
                assertArrayEquals(content, in.readAllBytes());
            }
        }
        assertEquals(content.length, read.get());
        assertFalse(Files.exists(copy), "the temporary file is removed");
    }

    /** A source named near the 255 bytes file systems keep made the copy's name longer than that, and --gzip failed. */
    @Test
    void aFileWithANameNearTheFileSystemsLimitIsCompressed() throws Exception {
        Path source = Files.writeString(work.resolve("s".repeat(250) + ".tif"), "a scene");

        try (GzipFile gzip = GzipFile.of(LocalFile.of(source), read -> { })) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gzip.path()))) {
                assertEquals("a scene", new String(in.readAllBytes()));
            }
        }
    }
}
