package io.geoingest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

    /**
     * A service whose first start fails still writes its class-data archive as it exits, with a
     * warning for each class it skips: the tail the launcher showed was all warnings, and the
     * exception that stopped the service lay hundreds of lines above it.
     */
    @Test
    void theLogTailShownForAFailedStartKeepsTheServicesOwnLines(@TempDir Path directory) throws Exception {
        List<String> log = new ArrayList<>(List.of(
                "2026-11-27 17:20:32,360 ERROR [io.quarkus.runtime.Application] (main) Failed to start application",
                "java.lang.IllegalStateException: geoingest.stac.upload-url-validity must be between 1s and 7d, not PT192H",
                "\tat io.geoingest.common.storage.PublicPresigner.requireSignable(PublicPresigner.java:33)"));
        for (int i = 0; i < 200; i++) {
            log.add("[273.37" + i + "s][warning][cds] Pre JDK 6 class not supported by CDS: 49.0 jdk/internal/reflect/GeneratedConstructorAccessor" + i);
            log.add("[273.37" + i + "s][warning][cds,dynamic] Skipping org/hibernate/Foo" + i + ": Failed verification");
            log.add("[1.2" + i + "s][info   ][aot] Skipping org/example/Bar" + i);
        }
        Path file = Files.write(directory.resolve("upload-service.log"), log);

        assertEquals(String.join("\n", log.subList(1, 3)), ServiceProcess.tail(file, 2));
    }

    /** The whole log was read for its tail: after days of running, the launcher ran out of heap instead. */
    @Test
    void theTailOfALogLargerThanAnArrayCanHoldIsItsLastLines(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("processing-worker.log");
        try (RandomAccessFile log = new RandomAccessFile(file.toFile(), "rw")) {
            // sparse: takes no disk space, and no JVM array holds it
            log.setLength(3L * 1024 * 1024 * 1024);
            log.seek(log.length());
            log.write("\nfirst\nERROR the cause\n\tat its place\n".getBytes(StandardCharsets.UTF_8));
        }

        assertEquals("ERROR the cause\n\tat its place", ServiceProcess.tail(file, 2));
    }
}
