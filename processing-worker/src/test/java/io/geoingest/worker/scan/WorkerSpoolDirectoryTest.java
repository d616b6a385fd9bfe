package io.geoingest.worker.scan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.worker.WorkerConfig;
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

    @Inject
    WorkerConfig config;

    @Test
    void theCopyOfAWorkerKilledMidFileIsRemovedAndTheRunningWorkersKept() throws Exception {
        Path own = spool.path();
        Path killed = Files.createDirectories(own.getParent().resolve("process-" + UUID.randomUUID()));
        Files.createFile(killed.resolve(".lock"));
        Files.write(killed.resolve("spool-1.bin"), new byte[4096]);

        spool.removeLeftBehind();

        assertFalse(Files.exists(killed), "the copy a killed worker left");
        assertTrue(Files.exists(own.resolve(".lock")), "the running worker's directory, locked at start");
    }

    /**
     * Kafka's consumers start before the observer that locks the directory: a file read first
     * made the directory unlocked, the lock then failed, and another worker starting an hour later
     * took it for a killed worker's and removed the copy in use.
     */
    @Test
    void aCopyMadeBeforeTheStartObserverRanIsInALockedDirectory() throws Exception {
        WorkerSpoolDirectory early = new WorkerSpoolDirectory();
        early.config = config;
        try {
            Path copy = Files.write(early.path().resolve("spool-early.bin"), new byte[16]);
            early.holdAndCleanUp(null);
            spool.removeLeftBehind();
            assertTrue(Files.exists(copy));
            assertTrue(Files.exists(copy.resolveSibling(".lock")));
        } finally {
            early.release();
        }
    }
}
