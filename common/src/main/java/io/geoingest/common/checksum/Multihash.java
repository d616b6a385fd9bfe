package io.geoingest.common.checksum;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Multihash encoding (https://multiformats.io/multihash/) of a SHA-256 digest, the form STAC's
 * {@code file:checksum} uses. The maintained Java library (multiformats' java-multihash) is published
 * only on JitPack, not on Maven Central, which is the one repository this build may use. For
 * sha2-256 the encoding is fixed and tiny: the function code 0x12 and the digest length 0x20, both
 * single-byte varints, followed by the 32 digest bytes.
 */
public final class Multihash {
    private static final String SHA2_256_PREFIX = "1220";
    private static final int SHA2_256_LENGTH = 32;
    private static final Pattern SHA2_256_HEX = Pattern.compile("(?i)1220[0-9a-f]{64}");

    private Multihash() {
    }

    /** {@code "1220"} followed by the digest in lower-case hex. */
    public static String sha2_256Hex(byte[] sha256Digest) {
        if (sha256Digest.length != SHA2_256_LENGTH) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + sha256Digest.length);
        }
        return SHA2_256_PREFIX + HexFormat.of().formatHex(sha256Digest);
    }

    /** Whether a client's checksum is a sha2-256 multihash in hex (either case). */
    public static boolean isSha2_256Hex(String value) {
        return value != null && SHA2_256_HEX.matcher(value).matches();
    }
}
