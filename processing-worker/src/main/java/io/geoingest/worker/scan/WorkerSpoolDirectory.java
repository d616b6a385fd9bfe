package io.geoingest.worker.scan;

import io.geoingest.common.spool.ProcessSpoolDirectory;
import io.geoingest.worker.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;

/**
 * Where this worker copies the files it reads: its own directory under
 * {@code geoingest.worker.spool-directory} (a {@code geoingest-worker} directory in the system's
 * temporary directory by default). A worker killed while it read a file left its copy, up to the
 * spool limit, behind: the next start removes it.
 */
@ApplicationScoped
public class WorkerSpoolDirectory extends ProcessSpoolDirectory {

    @Inject
    WorkerConfig config;

    @Override
    protected Path root() {
        return config.spoolDirectory().orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "geoingest-worker"));
    }

    @Override
    protected boolean isOldLayoutFile(String name) {
        return SpoolStep.isSpoolFile(name);
    }
}
