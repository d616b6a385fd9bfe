package io.geoingest.cli.stac;

import java.util.HexFormat;

/** The {@code file:checksum} of STAC: a multihash in hex, here always sha2-256. */
public final class Multihash {
    /** Multihash code 0x12 (sha2-256) and digest length 0x20 (32 bytes). */
    private static final String SHA2_256_PREFIX = "1220";
    private static final int SHA2_256_LENGTH = 32;

    private Multihash() {
    }

    public static String sha2_256(byte[] digest) {
        if (digest.length != SHA2_256_LENGTH) {
            throw new IllegalArgumentException("a sha2-256 digest has 32 bytes, not " + digest.length);
        }
        return SHA2_256_PREFIX + HexFormat.of().formatHex(digest);
    }
}
