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

    /** GEOINGEST_HOST=0.0.0.0 wrote http://0.0.0.0:8080 to local.env, and presigned URLs for http://0.0.0.0:19000. */
    @Test
    void aServerOnEveryAddressIsCalledAtTheLoopbackOne() {
        assertEquals("127.0.0.1", Settings.reachable("0.0.0.0"));
        assertEquals("127.0.0.1", Settings.reachable("::"));
        assertEquals("[::1]", Settings.reachable("::1"));
        assertEquals("192.168.1.5", Settings.reachable("192.168.1.5"));
    }

    @Test
    void aJvmWithoutTheTrimGetsOptionsItKnows() {
        assertFalse(Settings.defaultJavaOptions(false).contains("TrimNativeHeapInterval"));
        assertTrue(Settings.defaultJavaOptions(true).contains("-XX:TrimNativeHeapInterval="));
    }
}
