package io.geoingest.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WholeNumbersTest {

    @Test
    void onlyAsciiDigitsWithinTheRangeAreANumber() {
        assertEquals(OptionalLong.of(7), WholeNumbers.within("007", 1, 10_000));
        assertEquals(OptionalLong.of(7), WholeNumbers.within("0".repeat(40) + "7", 1, 10_000));
        assertEquals(OptionalLong.of(Long.MAX_VALUE), WholeNumbers.within(Long.toString(Long.MAX_VALUE), 0, Long.MAX_VALUE));
        for (String notANumber : new String[] {"+1", "-1", "１", "١", " 1", "1 ", "1e3", "", "0x1"}) {
            assertEquals(OptionalLong.empty(), WholeNumbers.within(notANumber, 0, 10_000), notANumber);
        }
        assertEquals(OptionalLong.empty(), WholeNumbers.within("10001", 1, 10_000));
        assertEquals(OptionalLong.empty(), WholeNumbers.within("9223372036854775808", 0, Long.MAX_VALUE));
        assertEquals(OptionalLong.empty(), WholeNumbers.within("9".repeat(64 * 1024), 0, Long.MAX_VALUE));
    }
}
