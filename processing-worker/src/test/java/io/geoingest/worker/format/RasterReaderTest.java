package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RasterReaderTest {
    private static final int SIDE = 10_000;

    @TempDir
    Path directory;

    /** 100 MB of pixels in one strip compress to 100 KB: a file this small must not take 100 MB of heap. */
    @Test
    void aTiffWhoseStripIsTooLargeToDecodeIsDescribedFromItsHeader() throws IOException {
        Path file = directory.resolve("one-strip.tif");
        Files.write(file, singleStripTiff(SIDE, deflatedZeros((long) SIDE * SIDE)));

        FormatReport report = RasterReader.read(file, Format.TIFF, "image/tiff");

        assertEquals(Optional.empty(), report.problem());
        assertEquals(SIDE, report.details().path("width").asInt());
        assertEquals("uint8", report.details().path("dataType").asText());
        assertTrue(report.details().path("note").asText().startsWith("the pixels were not decoded to check them:"
                + " a strip or tile of this image holds 95 MiB"), report.details().toString());
    }

    private static byte[] deflatedZeros(long count) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(compressed)) {
            byte[] zeros = new byte[1 << 20];
            for (long left = count; left > 0; left -= zeros.length) {
                out.write(zeros, 0, (int) Math.min(left, zeros.length));
            }
        }
        return compressed.toByteArray();
    }

    /** A little-endian baseline TIFF: 8-bit grey, square, one deflated strip. */
    private static byte[] singleStripTiff(int side, byte[] strip) {
        int[][] entries = {
            {256, 4, side}, {257, 4, side}, {258, 3, 8}, {259, 3, 8}, {262, 3, 1},
            {273, 4, 0}, {277, 3, 1}, {278, 4, side}, {279, 4, strip.length},
        };
        int stripOffset = 8 + 2 + entries.length * 12 + 4;
        ByteBuffer tiff = ByteBuffer.allocate(stripOffset + strip.length).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put(new byte[] {'I', 'I', 42, 0}).putInt(8).putShort((short) entries.length);
        for (int[] entry : entries) {
            int value = entry[0] == 273 ? stripOffset : entry[2];
            tiff.putShort((short) entry[0]).putShort((short) entry[1]).putInt(1);
            if (entry[1] == 3) {
                tiff.putShort((short) value).putShort((short) 0);
            } else {
                tiff.putInt(value);
            }
        }
        return tiff.putInt(0).put(strip).array();
    }
}
