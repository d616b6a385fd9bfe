package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.stream.FileImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The count of entries a ZIP declares, read before the library reads its directory (and keeps
 * every entry of it): in its end record, or the Zip64 record over 65,535 entries.
 */
class ZipContentsTest {
    @TempDir
    Path directory;

    private Path zipOf(int entries) throws IOException {
        Path zip = directory.resolve(entries + ".zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (int i = 0; i < entries; i++) {
                out.putNextEntry(new ZipEntry("e" + i));
                out.closeEntry();
            }
        }
        return zip;
    }

    private static OptionalLong declared(Path zip) throws IOException {
        try (FileImageInputStream in = new FileImageInputStream(zip.toFile())) {
            return ZipContents.declaredEntries(in);
        }
    }

    @Test
    void theEntriesAZipDeclaresAreReadFromItsEndOrItsZip64Record() throws Exception {
        assertEquals(OptionalLong.of(3), declared(zipOf(3)));
        assertEquals(OptionalLong.of(70_000), declared(zipOf(70_000)));
        assertEquals(OptionalLong.empty(), declared(Files.write(directory.resolve("not.zip"), new byte[100])));
    }

    /**
     * A product whose directory claims more entries than a product has is not handed to the
     * library: Zip64 counts them in 8 bytes, and the library keeps every entry it reads.
     */
    @Test
    void aProductDeclaringMoreEntriesThanAProductHasIsNotRead() throws Exception {
        Path zip = directory.resolve("product.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            out.putNextEntry(new ZipEntry("S1A_IW_GRDH.SAFE/manifest.safe"));
            out.write("<safe><startTime>2024-05-13T05:30:12</startTime></safe>".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            // past 65,535 entries the counts go to a Zip64 record
            for (int i = 0; i < 0xffff; i++) {
                out.putNextEntry(new ZipEntry("S1A_IW_GRDH.SAFE/preview/" + i));
                out.closeEntry();
            }
        }
        try (FileImageInputStream in = new FileImageInputStream(zip.toFile())) {
            assertEquals(Format.SENTINEL_SAFE, ZipContents.read(in, false).format());
        }
        byte[] bytes = Files.readAllBytes(zip);
        ByteBuffer end = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int locator = bytes.length - 22 - 20;
        int zip64End = (int) end.getLong(locator + 8);
        end.putLong(zip64End + 24, 50_000_000L).putLong(zip64End + 32, 50_000_000L);
        Files.write(zip, bytes);

        assertEquals(OptionalLong.of(50_000_000L), declared(zip));
        try (FileImageInputStream in = new FileImageInputStream(zip.toFile())) {
            assertEquals(Format.UNRECOGNISED, ZipContents.read(in, false).format());
        }
    }
}
