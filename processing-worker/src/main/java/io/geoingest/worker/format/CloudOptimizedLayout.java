package io.geoingest.worker.format;

import com.twelvemonkeys.imageio.metadata.CompoundDirectory;
import com.twelvemonkeys.imageio.metadata.Directory;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.stream.ImageInputStream;

/**
 * Whether a TIFF is laid out as a Cloud Optimized GeoTIFF, by the rules GDAL's
 * {@code validate_cloud_optimized_geotiff.py} holds as errors: the full-resolution image and its
 * overviews tiled (or in strips no wider than 1,024 pixels, as GDAL's validator takes a strip for a
 * block), the image
 * directories first (the main one right after the header, or after GDAL's structural metadata),
 * each overview smaller than the one before and its directory after it, and the pixel data after
 * all directories, the smallest overview's first and the full resolution's last, so that a client
 * reading ranges gets the directories, then the level it wants, in few requests. Transparency masks
 * are not levels of their own.
 */
final class CloudOptimizedLayout {
    /** GDAL's structural metadata before the first directory: its first line says its size. */
    private static final Pattern GHOST_AREA = Pattern.compile("GDAL_STRUCTURAL_METADATA_SIZE=(\\d{6}) bytes\n");
    private static final int GHOST_AREA_FIRST_LINE = 43;
    private static final int NEW_SUBFILE_TYPE = 254;
    private static final int SUBFILE_MASK = 4;
    /** Directories read along the chain; a damaged file may link them in a loop. */
    private static final int MAX_DIRECTORIES = 1000;

    private CloudOptimizedLayout() {
    }

    /** @param images the file's image directories, as TwelveMonkeys read them */
    static boolean holds(ImageInputStream input, CompoundDirectory images, boolean bigTiff) throws IOException {
        List<Long> directoryOffsets = directoryOffsets(input, bigTiff);
        if (directoryOffsets.size() != images.directoryCount() || !mainDirectoryFirst(input, directoryOffsets.get(0),
                bigTiff)) {
            return false;
        }
        long previousWidth = Long.MAX_VALUE;
        long previousHeight = Long.MAX_VALUE;
        List<Long> levelDataStarts = new ArrayList<>();
        for (int i = 0; i < images.directoryCount(); i++) {
            if (i > 0 && directoryOffsets.get(i) <= directoryOffsets.get(i - 1)) {
                return false;
            }
            Directory level = images.getDirectory(i);
            if ((first(level, NEW_SUBFILE_TYPE) & SUBFILE_MASK) != 0) {
                continue;
            }
            long width = first(level, BaselineTIFFTagSet.TAG_IMAGE_WIDTH);
            long height = first(level, BaselineTIFFTagSet.TAG_IMAGE_LENGTH);
            if (width > previousWidth || height > previousHeight || !(TiffTags.tiled(level) || width <= 1024)) {
                return false;
            }
            previousWidth = width;
            previousHeight = height;
            levelDataStarts.add(TiffTags.firstPieceOffset(level));
        }
        // from the smallest level to the full resolution, each level's data after the last's
        long earlierData = directoryOffsets.get(directoryOffsets.size() - 1);
        for (int i = levelDataStarts.size() - 1; i >= 0; i--) {
            long start = levelDataStarts.get(i);
            if (start != 0 && start < earlierData) {
                return false;
            }
            earlierData = Math.max(earlierData, start);
        }
        return true;
    }

    /** The offsets of the image directories, along the chain from the header. */
    private static List<Long> directoryOffsets(ImageInputStream input, boolean bigTiff) throws IOException {
        ByteOrder order = input.getByteOrder();
        input.seek(0);
        input.setByteOrder(input.readByte() == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        List<Long> offsets = new ArrayList<>();
        try {
            input.seek(bigTiff ? 8 : 4);
            long next = bigTiff ? input.readLong() : input.readUnsignedInt();
            while (next != 0 && offsets.size() < MAX_DIRECTORIES && !offsets.contains(next)) {
                offsets.add(next);
                input.seek(next);
                long entries = bigTiff ? input.readLong() : input.readUnsignedShort();
                input.seek(next + (bigTiff ? 8 + entries * 20 : 2 + entries * 12));
                next = bigTiff ? input.readLong() : input.readUnsignedInt();
            }
        } finally {
            input.setByteOrder(order);
            input.seek(0);
        }
        return offsets;
    }

    /** The main directory right after the header, or after the structural metadata GDAL writes there. */
    private static boolean mainDirectoryFirst(ImageInputStream input, long offset, boolean bigTiff) throws IOException {
        long afterHeader = bigTiff ? 16 : 8;
        if (offset == afterHeader) {
            return true;
        }
        byte[] firstLine = new byte[GHOST_AREA_FIRST_LINE];
        input.seek(afterHeader);
        try {
            input.readFully(firstLine);
        } finally {
            input.seek(0);
        }
        Matcher ghost = GHOST_AREA.matcher(new String(firstLine, StandardCharsets.US_ASCII));
        if (!ghost.matches()) {
            return false;
        }
        long size = Long.parseLong(ghost.group(1));
        byte[] metadata = new byte[(int) size];
        input.seek(afterHeader + GHOST_AREA_FIRST_LINE);
        try {
            input.readFully(metadata);
        } finally {
            input.seek(0);
        }
        long expected = afterHeader + GHOST_AREA_FIRST_LINE + size;
        // on a word boundary, as TIFF places directories; a file changed after GDAL wrote it as a COG says so
        return offset == expected + expected % 2
                && !new String(metadata, StandardCharsets.US_ASCII).contains("KNOWN_INCOMPATIBLE_EDITION=YES");
    }

    /** A tag's first value as a whole number; 0 without one. */
    private static long first(Directory directory, int tag) {
        return TiffTags.first(directory, tag).map(Double::longValue).orElse(0L);
    }
}
