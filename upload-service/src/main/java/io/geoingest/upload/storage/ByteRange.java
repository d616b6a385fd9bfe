package io.geoingest.upload.storage;

/** {@code length} bytes from {@code start} of an object. */
public record ByteRange(long start, long length) {

    public ByteRange {
        if (start < 0 || length <= 0) {
            throw new IllegalArgumentException("not a byte range: " + length + " bytes from " + start);
        }
    }

    public long end() {
        return start + length;
    }

    /** The HTTP form, whose end is inclusive: {@code bytes=0-99} is the first 100 bytes. */
    public String header() {
        return "bytes=" + start + "-" + (end() - 1);
    }
}
