package io.geoingest.common.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A Quarkus body limit at or below a service's own made Quarkus answer an oversized body with an
 * empty 413, and nothing said why: the services warn at start, naming both settings.
 */
class QuarkusBodyLimitTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void aQuarkusLimitNotAboveTheServicesIsWarnedOfNamingBothSettings() {
        for (long quarkusLimit : new long[] {MIB, MIB / 2}) {
            String warning = QuarkusBodyLimit.answersFirst(quarkusLimit, MIB, "geoingest.status.request-max-size").orElseThrow();

            assertTrue(warning.startsWith("quarkus.http.limits.max-body-size (" + (quarkusLimit == MIB ? "1 MiB" : "512 KiB")),
                    warning);
            assertTrue(warning.contains("the largest body geoingest.status.request-max-size allows (1 MiB (1048576 bytes))"),
                    warning);
        }
    }

    @Test
    void aQuarkusLimitAboveTheServicesIsNotWarnedOf() {
        assertEquals(Optional.empty(), QuarkusBodyLimit.answersFirst(16 * MIB, MIB, "geoingest.status.request-max-size"));
    }
}
