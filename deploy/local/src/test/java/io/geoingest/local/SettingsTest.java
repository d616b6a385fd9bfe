package io.geoingest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void theDefaultOptionsStartTheJvmThatRunsTheServices() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(Settings.defaultJavaOptions(Settings.jvmTrimsNativeHeap()).split(" ")));
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes());
        assertEquals(0, java.waitFor(), output);
    }

    @Test
    void aJvmWithoutTheTrimGetsOptionsItKnows() {
        assertFalse(Settings.defaultJavaOptions(false).contains("TrimNativeHeapInterval"));
        assertTrue(Settings.defaultJavaOptions(true).contains("-XX:TrimNativeHeapInterval="));
    }
}
