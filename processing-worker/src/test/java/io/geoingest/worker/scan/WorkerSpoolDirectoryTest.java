package io.geoingest.worker.scan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The copies the worker makes of the files it reads do not outlive a worker killed mid-file. */
@QuarkusTest
class WorkerSpoolDirectoryTest {
    @Inject
    WorkerSpoolDirectory spool;

    @Test
    void theCopyOfAWorkerKilledMidFileIsRemovedAndTheRunningWorkersKept() throws Exception {
        Path own = spool.path();
        Path killed = Files.createDirectories(own.getParent().resolve("process-" + UUID.randomUUID()));
        Files.createFile(killed.resolve(".lock"));
        Files.write(killed.resolve("spool-1.bin"), new byte[4096]);

        spool.removeLeftBehind();

        assertFalse(Files.exists(killed), "the copy a killed worker left");
        assertTrue(Files.exists(own.resolve(".lock")), "the running worker's directory, its lock held");
    }
}
