package io.geoingest.common.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MalformedUriTest {

    /**
     * Under another root path the check saw only the requests under it, and the rest reached
     * Quarkus unchecked, since Quarkus' own check is off: the service now refuses to start.
     */
    @Test
    void aServiceUnderAnotherRootPathDoesNotStartAndSaysWhy() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> MalformedUri.requireTheRootPath("/geoingest"));

        assertTrue(refused.getMessage().startsWith("quarkus.http.root-path must be /, not /geoingest"), refused.getMessage());
        assertDoesNotThrow(() -> MalformedUri.requireTheRootPath("/"));
    }
}
