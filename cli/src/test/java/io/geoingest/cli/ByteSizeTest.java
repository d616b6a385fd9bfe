package io.geoingest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    @ParameterizedTest
    @CsvSource({
        "64MiB, 67108864",
        "64mib, 67108864",
        "64M, 67108864",
        "5 MiB, 5242880",
        "100MB, 100000000",
        "1.5GiB, 1610612736",
        "0.5KiB, 512",
        "4096, 4096",
        "4096B, 4096",
        "1TiB, 1099511627776"})
    void sizesAsPeopleWriteThem(String text, long bytes) {
        assertEquals(bytes, ByteSize.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MiB", "64 XB", "-5MiB", "1,5GiB", "sixty"})
    void whatIsNoSizeIsRejectedWithExamples(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
        assertEquals("'" + text + "' is not a size (examples: 64MiB, 5M, 1.5GiB, 4096)", error.getMessage());
    }

    @Test
    void aSizeBeyondALongIsTooLarge() {
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("9000000TiB"));
    }

    @Test
    void formatsForPeople() {
        assertEquals("512 B", ByteSize.format(512));
        assertEquals("1.5 KiB", ByteSize.format(1536));
        assertEquals("64.0 MiB", ByteSize.format(64 * ByteSize.MIB));
        assertEquals("12.3 GiB", ByteSize.format((long) (12.3 * ByteSize.GIB)));
    }

    /** What the client advises as a --chunk-size must be read back as the very same size. */
    @ParameterizedTest
    @ValueSource(longs = {1000, 1024, 1536, 8L << 20, 5L << 30, 3L << 40})
    void exactSizesAreReadBackAsTheyWere(long bytes) {
        assertEquals(bytes, ByteSize.parse(ByteSize.exact(bytes)));
    }
}
