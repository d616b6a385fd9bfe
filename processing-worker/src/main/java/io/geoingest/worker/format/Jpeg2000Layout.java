package io.geoingest.worker.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the SIZ marker segment of a JPEG 2000 codestream declares, read before the decoder sees the
 * file. The decoder (jj2000) sets up structures per tile and component while it reads the header,
 * before any pixel: a 1 KB file declaring 60,000 x 60,000 pixels in tiles of 32 x 24 took the
 * worker's whole heap.
 *
 * @param tiles      how many tiles the image is cut into
 * @param components its bands
 */
record Jpeg2000Layout(long width, long height, long tileWidth, long tileHeight, long tiles, int components) {
    /** A tile-part names its tile in 16 bits (Isot), so a codestream has at most this many tiles. */
    static final long MAX_TILES = 65_535;

    private static final int BOX_HEADER = 8;
    private static final int CODESTREAM_BOX = 0x6a703263; // "jp2c"
    private static final short START_OF_CODESTREAM = (short) 0xff4f;
    private static final short IMAGE_AND_TILE_SIZE = (short) 0xff51;
    /** SIZ up to Csiz: marker, Lsiz, Rsiz, eight 32-bit sizes and offsets, Csiz. */
    private static final int SIZ_BYTES = 2 + 2 + 2 + 8 * 4 + 2;

    /**
     * @return empty when the file holds no codestream that starts as the standard says; the
     *         decoder then finds out what is wrong with it
     */
    static Optional<Jpeg2000Layout> of(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            Optional<Long> start = codestreamStart(channel);
            if (start.isEmpty()) {
                return Optional.empty();
            }
            ByteBuffer siz = ByteBuffer.allocate(2 + SIZ_BYTES);
            if (channel.read(siz, start.get()) < siz.capacity()) {
                return Optional.empty();
            }
            siz.flip();
            if (siz.getShort() != START_OF_CODESTREAM || siz.getShort() != IMAGE_AND_TILE_SIZE) {
                return Optional.empty();
            }
            siz.position(siz.position() + 4);
            long width = Integer.toUnsignedLong(siz.getInt());
            long height = Integer.toUnsignedLong(siz.getInt());
            long imageX = Integer.toUnsignedLong(siz.getInt());
            long imageY = Integer.toUnsignedLong(siz.getInt());
            long tileWidth = Integer.toUnsignedLong(siz.getInt());
            long tileHeight = Integer.toUnsignedLong(siz.getInt());
            long tileX = Integer.toUnsignedLong(siz.getInt());
            long tileY = Integer.toUnsignedLong(siz.getInt());
            int components = Short.toUnsignedInt(siz.getShort());
            if (tileWidth == 0 || tileHeight == 0 || width <= imageX || height <= imageY
                    || tileX > imageX || tileY > imageY) {
                return Optional.empty();
            }
            long tiles = ceilDiv(width - tileX, tileWidth) * ceilDiv(height - tileY, tileHeight);
            return Optional.of(new Jpeg2000Layout(width - imageX, height - imageY, tileWidth, tileHeight, tiles,
                    components));
        }
    }

    /** A bare codestream starts the file; in a JP2 file it is the content of the first "jp2c" box. */
    private static Optional<Long> codestreamStart(FileChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(BOX_HEADER + 8);
        long position = 0;
        long size = channel.size();
        while (position + BOX_HEADER <= size) {
            header.clear();
            channel.read(header, position);
            header.flip();
            if (position == 0 && header.getShort(0) == START_OF_CODESTREAM) {
                return Optional.of(0L);
            }
            long length = Integer.toUnsignedLong(header.getInt(0));
            int type = header.getInt(4);
            long contentStart = position + BOX_HEADER;
            if (length == 1 && header.remaining() >= BOX_HEADER + 8) {
                length = header.getLong(8);
                contentStart += 8;
            }
            if (type == CODESTREAM_BOX) {
                return Optional.of(contentStart);
            }
            if (length == 0 || length < contentStart - position) {
                return Optional.empty();
            }
            position += length;
        }
        return Optional.empty();
    }

    private static long ceilDiv(long dividend, long divisor) {
        return (dividend + divisor - 1) / divisor;
    }
}
