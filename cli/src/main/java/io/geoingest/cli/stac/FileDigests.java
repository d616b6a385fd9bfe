package io.geoingest.cli.stac;

import io.geoingest.cli.CliException;
import io.geoingest.cli.upload.PartPlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * What the STAC upload announces before sending anything: the MD5 of each part (base64, as
 * {@code Content-MD5} wants it) and the sha2-256 multihash of the whole file. The two are computed
 * at the same time on two threads, each reading the file once; the second read comes from the
 * page cache.
 *
 * @param md5s the MD5 of part n at index n - 1
 */
public record FileDigests(List<String> md5s, String checksum) {
    private static final int BUFFER = 1024 * 1024;

    public FileDigests {
        md5s = List.copyOf(md5s);
    }

    public String md5(int partNumber) {
        return md5s.get(partNumber - 1);
    }

    /** Reads {@code file}, telling {@code onRead} how many bytes the checksum has covered each time. */
    public static FileDigests of(Path file, PartPlan plan, LongConsumer onRead) {
        ExecutorService partDigester = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "part-md5");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<List<String>> md5s = partDigester.submit(() -> partMd5s(file, plan));
            String checksum = checksum(file, plan.fileSize(), onRead);
            return new FileDigests(md5s.get(), checksum);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof CliException failure
                    ? failure
                    : new CliException("cannot compute the MD5 of the parts of " + file + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        } finally {
            partDigester.shutdownNow();
        }
    }

    private static String checksum(Path file, long size, LongConsumer onRead) {
        MessageDigest sha256 = digest("SHA-256");
        read(file, size, (buffer, length) -> {
            sha256.update(buffer, 0, length);
            onRead.accept(length);
        });
        return Multihash.sha2_256(sha256.digest());
    }

    private static List<String> partMd5s(Path file, PartPlan plan) {
        List<String> md5s = new ArrayList<>();
        MessageDigest[] current = {digest("MD5")};
        long[] leftInPart = {plan.parts().get(0).length()};
        read(file, plan.fileSize(), (buffer, length) -> {
            int offset = 0;
            while (offset < length) {
                int taken = (int) Math.min(length - offset, leftInPart[0]);
                current[0].update(buffer, offset, taken);
                offset += taken;
                leftInPart[0] -= taken;
                if (leftInPart[0] == 0) {
                    md5s.add(Base64.getEncoder().encodeToString(current[0].digest()));
                    if (md5s.size() < plan.parts().size()) {
                        leftInPart[0] = plan.parts().get(md5s.size()).length();
                    }
                }
            }
        });
        return md5s;
    }

    private interface Chunk {
        void accept(byte[] buffer, int length);
    }

    /** Hands the first {@code size} bytes of {@code file} to {@code chunk}, a buffer at a time. */
    private static void read(Path file, long size, Chunk chunk) {
        byte[] buffer = new byte[BUFFER];
        long left = size;
        try (InputStream in = Files.newInputStream(file)) {
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    throw new CliException(file + " ended early: was it changed while it was read?");
                }
                chunk.accept(buffer, read);
                left -= read;
            }
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has " + algorithm, e);
        }
    }
}
