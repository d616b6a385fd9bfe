package io.geoingest.worker.claim;

import io.geoingest.common.concurrent.DaemonThreads;
import io.geoingest.common.logging.FileLogContext;
import io.geoingest.worker.WorkerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The claims this worker holds: their leases are renewed in the background every third of the
 * lease's length, whatever phase the processing is in, so only a worker that stopped loses its
 * files. On shutdown, no new claims start; files in progress get a grace period to finish, and
 * those still running then are released (back to QUEUED) for another worker.
 */
@ApplicationScoped
public class Leases {
    private static final Logger LOG = Logger.getLogger(Leases.class);

    @Inject
    FileClaims claims;

    @Inject
    WorkerConfig config;

    private final Map<UUID, Lease> held = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private volatile boolean releasing;
    private ScheduledExecutorService renewals;

    /** One held claim; closing it ends the hold. */
    public final class Lease implements AutoCloseable {
        private final Claim claim;
        private volatile boolean lost;
        private volatile boolean released;

        private Lease(Claim claim) {
            this.claim = claim;
        }

        /**
         * Puts a pending claim to work ({@link FileClaims#activate}).
         *
         * @return false when the claim is no longer ours: lost, or given back by the stopping worker
         */
        public synchronized boolean activate() {
            return !released && !lost && claims.activate(claim);
        }

        /** Gives the file back at once, for a worker that began to stop before its processing did. */
        public void giveBack() {
            release(this);
        }

        /** Called as the work goes on: stops it once the claim is no longer this worker's. */
        public void checkStillOurs() {
            if (lost || released) {
                throw new ClaimLostException(claim.fileId());
            }
        }

        /** Whether the worker gave the file back because it is stopping (the event is not done with). */
        public boolean released() {
            return released;
        }

        @Override
        public void close() {
            held.remove(claim.fileId(), this);
        }
    }

    void start(@Observes StartupEvent event) {
        renewals = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("lease-renewal"));
        long period = Math.max(1, config.lease().dividedBy(3).toMillis());
        renewals.scheduleWithFixedDelay(this::renewAll, period, period, TimeUnit.MILLISECONDS);
    }

    public Lease hold(Claim claim) {
        Lease lease = new Lease(claim);
        held.put(claim.fileId(), lease);
        // A claim whose stopping() check passed just before the worker began to stop may arrive
        // after the leases were released; it is released at once instead of waiting out its lease.
        if (releasing) {
            release(lease);
        }
        return lease;
    }

    /** Once true, no new file is claimed here. */
    public boolean stopping() {
        return stopping;
    }

    private void renewAll() {
        for (Lease lease : held.values()) {
            try (FileLogContext file = FileLogContext.of(lease.claim.fileId())) {
                if (!claims.renew(lease.claim)) {
                    lease.lost = true;
                }
            } catch (RuntimeException e) {
                // The lease still runs for two thirds of its length: the next renewal may well succeed.
                LOG.warnf("Could not renew the lease on file %s (%s); trying again shortly", lease.claim.fileId(),
                        e.getMessage());
            }
        }
    }

    /**
     * Runs before the messaging connectors close, so offsets of files finished meanwhile are still
     * committed; the events of released files stay uncommitted and are delivered again.
     */
    void stop(@Observes @Priority(1) ShutdownEvent event) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        while (!held.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        releasing = true;
        new ArrayList<>(held.values()).forEach(this::release);
        if (renewals != null) {
            renewals.shutdownNow();
        }
    }

    private void release(Lease lease) {
        try (FileLogContext file = FileLogContext.of(lease.claim.fileId())) {
            boolean released;
            synchronized (lease) {
                lease.released = true;
                released = claims.release(lease.claim);
            }
            if (released) {
                LOG.infof("File %s was released for another worker: this worker is stopping", lease.claim.fileId());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not release file %s (%s); another worker takes it over once its lease passes",
                    lease.claim.fileId(), e.getMessage());
        }
    }
}
