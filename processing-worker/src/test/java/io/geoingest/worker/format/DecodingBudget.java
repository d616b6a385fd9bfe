package io.geoingest.worker.format;

import java.io.IOException;

/** The worker's budget for decoding strips and tiles, held by a test as other files' decoding would hold it. */
public final class DecodingBudget implements AutoCloseable {
    private static final int ALL_MIB = (int) (RasterReader.DECODED_AT_ONCE >> 20);

    private DecodingBudget() {
    }

    /** Holds all of it until closed. */
    public static DecodingBudget holdAll() throws InterruptedException {
        RasterReader.DECODING_MIB.acquire(ALL_MIB);
        return new DecodingBudget();
    }

    /** Whether a reader waits for its part. */
    public static boolean awaited() {
        return RasterReader.DECODING_MIB.hasQueuedThreads();
    }

    /** A TIFF of one 40 MiB strip: decoded within the budget, but not beside another such. */
    public static byte[] tiffOfALargeStrip() throws IOException {
        return Tiffs.singleStrip(6_400);
    }

    @Override
    public void close() {
        RasterReader.DECODING_MIB.release(ALL_MIB);
    }
}
