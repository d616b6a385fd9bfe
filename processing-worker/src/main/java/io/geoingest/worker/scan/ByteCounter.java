package io.geoingest.worker.scan;

/** Counts the bytes actually read, which is the stored size whatever the storage claims. */
final class ByteCounter implements StreamStep {
    private long count;

    @Override
    public void update(byte[] bytes, int offset, int length) {
        count += length;
    }

    long count() {
        return count;
    }
}
