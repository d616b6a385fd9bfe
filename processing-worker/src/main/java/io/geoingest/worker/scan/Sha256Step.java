package io.geoingest.worker.scan;

import io.geoingest.common.checksum.Multihash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The SHA-256 of the object, as a sha2-256 multihash. */
final class Sha256Step implements StreamStep {
    private final MessageDigest digest;

    Sha256Step() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
    }

    String multihashHex() {
        return Multihash.sha2_256Hex(digest.digest());
    }
}
