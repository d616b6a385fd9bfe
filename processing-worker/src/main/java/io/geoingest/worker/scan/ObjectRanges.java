package io.geoingest.worker.scan;

import java.io.IOException;

/** Parts of the stored object being scanned, for a reader that needs more than one pass allows. */
@FunctionalInterface
public interface ObjectRanges {
    /** Reads {@code length} bytes of the object from {@code position}, fewer only at its end. */
    byte[] read(long position, int length) throws IOException;
}
