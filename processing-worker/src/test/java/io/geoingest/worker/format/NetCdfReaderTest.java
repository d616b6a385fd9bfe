package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetCdfReaderTest {

    @TempDir
    Path directory;

    /**
     * A CDF-2 header whose first dimension name claims 2 GiB, in a file larger than that (sparse
     * here): its parser allocated an array of (int) 2^31 bytes, negative, and its
     * NegativeArraySizeException was retried as a storage fault until the file FAILED as one.
     * A name just under the file's size took that much heap instead.
     */
    @Test
    void aNameLongerThanNetCdfAllowsIsDamageNotAnAllocation() throws Exception {
        Path file = directory.resolve("long-name.nc");
        ByteBuffer header = ByteBuffer.allocate(16).put("CDF".getBytes(StandardCharsets.US_ASCII)).put((byte) 2)
                .putInt(0).putInt(0x0A).putInt(1);
        try (RandomAccessFile written = new RandomAccessFile(file.toFile(), "rw")) {
            written.write(header.array());
            written.writeInt(Integer.MIN_VALUE);
            written.setLength(3L << 30);
        }

        FormatReport report = NetCdfReader.classic(file);

        assertEquals(Optional.of("the NetCDF header is damaged: a name of 2147483648 bytes is longer than the 256"
                + " NetCDF allows"), report.problem());
    }

    /**
     * jHDF allocates a buffer of the size a structure declares before reading it: this 2 KB file,
     * whose root group header claims 512 MiB, ran the worker out of memory (and so stopped it).
     */
    @Test
    void aStructureDeclaringMoreBytesThanTheFileHoldsIsDamageNotAnAllocation() throws Exception {
        Path file = Path.of(getClass().getResource("/fixtures/linked-groups-huge-header.h5").toURI());

        String output = SmallHeap.run("64m", ReadHdf5.class, file.toString());

        assertTrue(output.lines().anyMatch(line -> line.startsWith("the HDF5 structure is damaged or truncated (")),
                output);
    }
}
