package io.geoingest.cli.stac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.geoingest.cli.ByteSize;
import io.geoingest.cli.upload.PartPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigestsTest {

    @TempDir
    Path work;

    @Test
    void theChecksumIsTheSha256MultihashOfTheGuidesExample() throws Exception {
        // sha256("abc"), the FIPS 180-2 test vector, behind the multihash prefix 0x12 0x20.
        assertEquals("1220ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Multihash.sha2_256(MessageDigest.getInstance("SHA-256").digest("abc".getBytes(StandardCharsets.US_ASCII))));
        assertThrows(IllegalArgumentException.class, () -> Multihash.sha2_256(new byte[16]));
    }

    @Test
    void eachPartHasTheBase64Md5OfItsBytesAndTheFileItsMultihash() throws Exception {
        byte[] content = new byte[(int) (11 * ByteSize.MIB + 7)];
        new Random(5).nextBytes(content);
        Path file = Files.write(work.resolve("scene.bin"), content);
        PartPlan plan = AssetPartPlan.of(content.length, 5 * ByteSize.MIB);
        AtomicLong read = new AtomicLong();

        FileDigests digests = FileDigests.of(file, plan, read::addAndGet);

        assertEquals(List.of(md5(content, 0, 5 * ByteSize.MIB), md5(content, 5 * ByteSize.MIB, 10 * ByteSize.MIB),
                md5(content, 10 * ByteSize.MIB, content.length)), digests.md5s());
        assertEquals("1220" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)),
                digests.checksum());
        assertEquals(content.length, read.get(), "every byte counted once for the progress bar");
    }

    @Test
    void aFileShorterThanPlannedIsAnError() throws IOException {
        Path file = Files.write(work.resolve("short.bin"), new byte[10]);

        assertThrows(RuntimeException.class, () -> FileDigests.of(file, PartPlan.of(20, 20), read -> { }));
    }

    private static String md5(byte[] content, long from, long to) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5")
                .digest(Arrays.copyOfRange(content, (int) from, (int) to)));
    }
}
