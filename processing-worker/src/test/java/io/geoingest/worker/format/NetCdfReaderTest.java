package io.geoingest.worker.format;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NetCdfReaderTest {

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
