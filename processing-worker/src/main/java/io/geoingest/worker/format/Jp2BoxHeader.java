package io.geoingest.worker.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * The header of a box of a JPEG 2000 file (ISO/IEC 15444-1, I.4), as it declares itself: whether
 * its length fits where it lies is for the reader to judge.
 *
 * @param length       the whole box's, header included
 * @param contentStart where its content begins, after a header of 8 bytes or, with a 64-bit length, 16
 */
record Jp2BoxHeader(String type, long length, long contentStart) {
    private static final int HEADER = 8;

    /** The header of the box at {@code position}, in a box or file that ends at {@code to}. */
    static Jp2BoxHeader read(FileChannel channel, long position, long to) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER + 8);
        channel.read(header, position);
        long length = Integer.toUnsignedLong(header.getInt(0));
        String type = new String(header.array(), 4, 4, StandardCharsets.ISO_8859_1);
        long contentStart = position + HEADER;
        if (length == 1 && position + HEADER + 8 <= to) {
            length = header.getLong(HEADER);
            contentStart += 8;
        } else if (length == 0) {
            // the last box, up to the end of what holds it
            length = to - position;
        }
        return new Jp2BoxHeader(type, length, contentStart);
    }

    /** Whether a box at {@code position} fits there: at least as long as its header, and within {@code to}. */
    static boolean fits(long position, long to) {
        return position + HEADER <= to;
    }
}
