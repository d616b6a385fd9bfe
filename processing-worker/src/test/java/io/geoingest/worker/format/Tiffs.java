package io.geoingest.worker.format;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;

/**
 * Large TIFFs made small: one strip of zeros, deflated. Run on its own (a JVM with a small heap) it
 * reads several at once, as the worker's parallel files do, and prints what the reader found.
 */
final class Tiffs {
    private Tiffs() {
    }

    /** An 8-bit grey square image whose single strip holds {@code side} x {@code side} bytes. */
    static byte[] singleStrip(int side) throws IOException {
        return singleStrip(side, new byte[0]);
    }

    /** As {@link #singleStrip(int)}, with a DateTime tag of these bytes (see singleStripTiff). */
    static byte[] singleStrip(int side, byte[] dateTime) throws IOException {
        return singleStripTiff(side, deflatedZeros((long) side * side), dateTime);
    }

    public static void main(String[] args) throws Exception {
        int side = Integer.parseInt(args[0]);
        int files = Integer.parseInt(args[1]);
        Path directory = Files.createTempDirectory("tiffs");
        ExecutorService pool = Executors.newFixedThreadPool(files);
        try {
            // All written before any is read: a Deflater at work pins the heap (JNI critical section), and
            // a decoder that needs memory meanwhile fails, which is about the JVM and not what this measures.
            List<Path> tiffs = new ArrayList<>();
            for (int i = 0; i < files; i++) {
                tiffs.add(Files.write(directory.resolve(i + ".tif"), singleStrip(side)));
            }
            List<Future<FormatReport>> reports = new ArrayList<>();
            for (Path file : tiffs) {
                reports.add(pool.submit(() -> RasterReader.read(file, Format.TIFF, "image/tiff")));
            }
            for (Future<FormatReport> report : reports) {
                System.out.println(report.get().problem().orElse("decoded") + " " + report.get().details());
            }
        } finally {
            pool.shutdown();
            try (var written = Files.list(directory)) {
                written.forEach(file -> {
                    try {
                        Files.delete(file);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            Files.delete(directory);
        }
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

    /**
     * A little-endian baseline TIFF: 8-bit grey, square, one deflated strip, and a DateTime tag
     * holding {@code dateTime} as it is (no NUL added) unless it is empty.
     */
    private static byte[] singleStripTiff(int side, byte[] strip, byte[] dateTime) {
        List<int[]> entries = new ArrayList<>(List.of(new int[][] {
            {256, 4, side}, {257, 4, side}, {258, 3, 8}, {259, 3, 8}, {262, 3, 1},
            {273, 4, 0}, {277, 3, 1}, {278, 4, side}, {279, 4, strip.length},
        }));
        if (dateTime.length > 0) {
            entries.add(new int[] {BaselineTIFFTagSet.TAG_DATE_TIME, 2, 0});
        }
        int dateTimeOffset = 8 + 2 + entries.size() * 12 + 4;
        int stripOffset = dateTimeOffset + dateTime.length;
        ByteBuffer tiff = ByteBuffer.allocate(stripOffset + strip.length).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put(new byte[] {'I', 'I', 42, 0}).putInt(8).putShort((short) entries.size());
        for (int[] entry : entries) {
            boolean date = entry[0] == BaselineTIFFTagSet.TAG_DATE_TIME;
            int value = entry[0] == 273 ? stripOffset : date ? dateTimeOffset : entry[2];
            tiff.putShort((short) entry[0]).putShort((short) entry[1]).putInt(date ? dateTime.length : 1);
            if (entry[1] == 3) {
                tiff.putShort((short) value).putShort((short) 0);
            } else {
                tiff.putInt(value);
            }
        }
        return tiff.putInt(0).put(dateTime).put(strip).array();
    }
}
