package io.geoingest.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bar goes to standard error: {@code ID=$(geoingest upload big.tif)} showed none, as standard
 * output was no terminal, and {@code 2>log} on a terminal filled the log with it.
 */
class EnvironmentTest {

    @AfterEach
    void forget() {
        System.clearProperty(Environment.STDERR_TERMINAL);
    }

    @Test
    void theProgressFollowsWhatTheLauncherSaysOfStandardError() {
        System.setProperty(Environment.STDERR_TERMINAL, "true");
        assertTrue(Environment.system().interactive(), "a terminal on stderr gets the bar, whatever stdout is");

        System.setProperty(Environment.STDERR_TERMINAL, "false");
        assertFalse(Environment.system().interactive(), "a log on stderr gets no bar");
    }
}
