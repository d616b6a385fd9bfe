package io.geoingest.worker.processing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OutcomeTest {

    /**
     * A reason quotes what the file says: a NetCDF variable named with a line break wrote a forged
     * line into the worker's log ("File ... COMPLETED"), and a right-to-left override turned the
     * rest of the status's error around.
     */
    @Test
    void aReasonQuotingTheFileIsOneLineAsWritten() {
        String named = "variable \"t\nFile 42 COMPLETED\r\u202eabc\u2028\" declares 9 dimensions";

        assertEquals("variable \"t\\nFile 42 COMPLETED\\r\\u202eabc\\u2028\" declares 9 dimensions",
                Outcome.Failed.before(named).reason());
        assertEquals("checksum mismatch: expected a got b", Outcome.Failed.before("checksum mismatch: expected a got b").reason());
    }
}
