package io.geoingest.worker.claim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.file.SourceType;
import io.geoingest.worker.WorkerConfig;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LeasesTest {
    private final ReleaseRecordingClaims claims = new ReleaseRecordingClaims();
    private final Leases leases = new Leases();

    LeasesTest() {
        leases.claims = claims;
        leases.config = (WorkerConfig) Proxy.newProxyInstance(WorkerConfig.class.getClassLoader(),
                new Class<?>[] {WorkerConfig.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "shutdownGrace" -> Duration.ZERO;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aFileStillInProgressWhenTheWorkerStopsIsReleased() throws InterruptedException {
        Leases.Lease lease = leases.hold(claim());

        leases.stop(null);

        assertTrue(lease.released());
        assertEquals(1, claims.released.size());
    }

    @Test
    void aFileClaimedJustAsTheWorkerStopsIsReleasedAtOnceNotLeftToItsLease() throws InterruptedException {
        leases.stop(null);

        Claim late = claim();
        Leases.Lease lease = leases.hold(late);

        assertTrue(lease.released(), "the processing sees it must give the file back");
        assertEquals(List.of(late.fileId()), claims.released, "the file is QUEUED again for another worker");
    }

    @Test
    void aFileHeldWhileTheWorkerRunsIsNotReleased() {
        Leases.Lease lease = leases.hold(claim());

        assertFalse(lease.released());
        assertEquals(List.of(), claims.released);
    }

    private static Claim claim() {
        return new Claim(UUID.randomUUID(), 1, 0, "uploads/key", "scene.tif", 10, SourceType.UNKNOWN, Optional.empty(),
                Instant.now(), Optional.empty(), Optional.empty(), Optional.empty(), "uploader");
    }

    private static final class ReleaseRecordingClaims extends FileClaims {
        final List<UUID> released = new CopyOnWriteArrayList<>();

        @Override
        public boolean release(Claim claim) {
            released.add(claim.fileId());
            return true;
        }
    }
}
