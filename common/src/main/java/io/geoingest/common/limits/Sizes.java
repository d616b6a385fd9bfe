package io.geoingest.common.limits;

/** Byte counts as people read them in error messages. */
public final class Sizes {
    private static final long KIB = 1024;
    private static final long MIB = KIB * 1024;
    private static final long GIB = MIB * 1024;

    private Sizes() {
    }

    /** For example "100 MiB (104857600 bytes)", or "1000 bytes" when no larger unit divides it. */
    public static String describe(long bytes) {
        for (long unit : new long[] {GIB, MIB, KIB}) {
            if (bytes >= unit && bytes % unit == 0) {
                return bytes / unit + " " + unitName(unit) + " (" + bytes + " bytes)";
            }
        }
        return bytes + " bytes";
    }

    private static String unitName(long unit) {
        return unit == GIB ? "GiB" : unit == MIB ? "MiB" : "KiB";
    }
}
