package io.geoingest.worker.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import javax.imageio.stream.ImageInputStream;

/**
 * A stored object over the spool limit, which readers take as they take the temporary copy of a
 * smaller one: a read-only file channel whose reads seek in the object (a stored object's ranged
 * reads, see {@code StoredObjectStream}). Mapping is refused; jHDF then reads instead.
 */
final class ImageInputStreamChannel extends FileChannel {
    private final ImageInputStream object;
    private long position;

    ImageInputStreamChannel(ImageInputStream object) {
        this.object = object;
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        int read = read(destination, position);
        if (read > 0) {
            position += read;
        }
        return read;
    }

    @Override
    public long read(ByteBuffer[] destinations, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            int read = read(destinations[i]);
            if (read < 0) {
                return total == 0 ? -1 : total;
            }
            total += read;
            if (destinations[i].hasRemaining()) {
                break;
            }
        }
        return total;
    }

    /** Fills {@code destination} from {@code from} as far as the object goes. */
    @Override
    public synchronized int read(ByteBuffer destination, long from) throws IOException {
        if (from >= size()) {
            return -1;
        }
        object.seek(from);
        // a heap buffer (what jHDF and the classic reader allocate) is filled in place, not through a copy
        boolean inPlace = destination.hasArray();
        byte[] bytes = inPlace ? destination.array() : new byte[destination.remaining()];
        int start = inPlace ? destination.arrayOffset() + destination.position() : 0;
        int length = destination.remaining();
        int filled = 0;
        while (filled < length) {
            int read = object.read(bytes, start + filled, length - filled);
            if (read < 0) {
                break;
            }
            filled += read;
        }
        if (inPlace) {
            destination.position(destination.position() + filled);
        } else {
            destination.put(bytes, 0, filled);
        }
        return filled;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public FileChannel position(long newPosition) {
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        return object.length();
    }

    @Override
    public int write(ByteBuffer source) {
        throw new NonWritableChannelException();
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) {
        throw new NonWritableChannelException();
    }

    @Override
    public int write(ByteBuffer source, long at) {
        throw new NonWritableChannelException();
    }

    @Override
    public FileChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public void force(boolean metaData) {
        // nothing is ever written
    }

    @Override
    public long transferTo(long from, long count, WritableByteChannel target) {
        throw new UnsupportedOperationException("a stored object is read into buffers");
    }

    @Override
    public long transferFrom(ReadableByteChannel source, long at, long count) {
        throw new NonWritableChannelException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long at, long size) {
        throw new UnsupportedOperationException("a stored object is read, not mapped");
    }

    @Override
    public FileLock lock(long at, long size, boolean shared) {
        throw new UnsupportedOperationException("a stored object is not locked");
    }

    @Override
    public FileLock tryLock(long at, long size, boolean shared) {
        throw new UnsupportedOperationException("a stored object is not locked");
    }

    @Override
    protected void implCloseChannel() {
        // the object's stream belongs to the scan that opened it
    }
}
