package io.geoingest.worker.scan;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * A stored object read where a reader seeks, a block at a time by ranged GETs, the last blocks
 * kept: a TIFF reader takes the header, the directory and the tag values it points to from a
 * scene of many gigabytes in a handful of requests, without a copy of the scene, and a NetCDF or
 * HDF5 reader the structure and coordinates of a cube.
 */
final class StoredObjectStream extends ImageInputStreamImpl {
    private static final int BLOCK_SIZE = 64 * 1024;
    private static final int BLOCKS_KEPT = 32;
    /**
     * A read this large (an HDF5 chunk, a slab of a swath's coordinates) is one ranged GET of its
     * own, not kept: in blocks it would take many.
     */
    private static final int DIRECT_READ_BYTES = 1024 * 1024;

    private final ObjectRanges ranges;
    private final int blockSize;
    private IOException storageFailure;
    private final long size;
    private final Map<Long, byte[]> blocks = new LinkedHashMap<>(BLOCKS_KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            return size() > BLOCKS_KEPT;
        }
    };

    StoredObjectStream(ObjectRanges ranges, long size) {
        this(ranges, size, BLOCK_SIZE);
    }

    StoredObjectStream(ObjectRanges ranges, long size, int blockSize) {
        this.ranges = ranges;
        this.size = size;
        this.blockSize = blockSize;
    }

    @Override
    public long length() {
        return size;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        checkClosed();
        bitOffset = 0;
        if (length == 0) {
            return 0;
        }
        if (streamPos >= size) {
            return -1;
        }
        if (length >= DIRECT_READ_BYTES) {
            byte[] direct = fetch(streamPos, (int) Math.min(length, size - streamPos));
            System.arraycopy(direct, 0, buffer, offset, direct.length);
            streamPos += direct.length;
            return direct.length == 0 ? -1 : direct.length;
        }
        // Whole, across blocks: ImageInputStreamImpl's readShort, readInt and readLong take a short
        // read for the end of the stream, so a value over two blocks (a BigTIFF's tile offsets)
        // read as a truncated file.
        int copied = 0;
        while (copied < length && streamPos < size) {
            long index = streamPos / blockSize;
            byte[] block = block(index);
            int from = (int) (streamPos - index * blockSize);
            int count = Math.min(length - copied, block.length - from);
            if (count <= 0) {
                break;
            }
            System.arraycopy(block, from, buffer, offset + copied, count);
            streamPos += count;
            copied += count;
        }
        return copied == 0 ? -1 : copied;
    }

    /**
     * Rethrows a storage fault met while the reader read, even if the reader took it for the end of
     * the file (TwelveMonkeys' TIFF reader does, for a tag value it checks): its verdict on the
     * file does not count, and the read is tried again.
     */
    void rethrowStorageFailure() throws IOException {
        if (storageFailure != null) {
            throw storageFailure;
        }
    }

    private byte[] block(long index) throws IOException {
        byte[] block = blocks.get(index);
        if (block == null) {
            long position = index * blockSize;
            block = fetch(position, (int) Math.min(blockSize, size - position));
            blocks.put(index, block);
        }
        return block;
    }

    private byte[] fetch(long position, int length) throws IOException {
        try {
            return ranges.read(position, length);
        } catch (IOException | RuntimeException e) {
            storageFailure = e instanceof IOException io ? io
                    : new IOException("reading bytes " + position + " on of the stored object failed", e);
            throw storageFailure;
        }
    }
}
