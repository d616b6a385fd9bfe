package io.geoingest.common.spool;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * This process's directory under a service's spool directory, held with an OS file
 * lock on a file inside it for the process's lifetime. A process that crashed leaves its spool
 * files behind (a chunk or a copy of a file, gigabytes each, on a size-limited volume that
 * outlives the container in Kubernetes); at start,
 * the directories of such processes, whose lock can now be taken, are removed. Several processes
 * may share the spool directory (one host, one java.io.tmpdir): a directory whose lock is held
 * belongs to a live one and is left alone.
 */
public abstract class ProcessSpoolDirectory {
    private static final Logger LOG = Logger.getLogger(ProcessSpoolDirectory.class);
    private static final String PROCESS_PREFIX = "process-";
    /**
     * A process's directory until its lock is held: a directory of a live process that another
     * process found before its lock was taken could be taken for left behind.
     */
    private static final String STARTING_PREFIX = "starting-";
    private static final String LOCK_FILE = ".lock";
    /**
     * What no lock tells about is taken for left behind once untouched this long: a directory of a
     * process that stopped while starting, and files spooled straight into the spool directory by
     * services from before this layout, one of which may still be running beside this one.
     */
    private static final Duration UNLOCKED_LEFTOVER_AGE = Duration.ofHours(1);

    /**
     * The directories this JVM holds (two applications may run in one, as tests do): their locks
     * are not tried, since closing the channel a try opened would release the JVM's lock on the
     * file (POSIX locks belong to the process), for a third process to take.
     */
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final String id = UUID.randomUUID().toString();
    private final Path own = Path.of(PROCESS_PREFIX + id);
    private FileChannel lockChannel;

    /**
     * Where this process spools, locked the first time it is asked for (the worker may read a file
     * before the start's observer runs); created again if something removed it.
     */
    public synchronized Path path() throws IOException {
        if (lockChannel == null) {
            claim();
        }
        return Files.createDirectories(root().resolve(own));
    }

    /** The directory the service's processes share, from its configuration. */
    protected abstract Path root();

    /** Whether a file right in {@link #root()} is one the service spooled there before this layout. */
    protected abstract boolean isOldLayoutFile(String name);

    /**
     * At start: takes this process's directory, then removes what stopped processes left. (A CDI
     * bean that extends this class inherits the observer and the callback below.)
     */
    public void holdAndCleanUp(@Observes StartupEvent event) {
        try {
            path();
        } catch (IOException e) {
            // each use of path() tries again, and fails while that fails
            LOG.errorf(e, "Could not create and lock the spool directory under %s", root());
            return;
        }
        int removed = removeLeftBehind();
        if (removed > 0) {
            LOG.infof("Removed %d spool directories and files that stopped processes left in %s", removed,
                    root());
        }
    }

    private void claim() throws IOException {
        Path root = Files.createDirectories(root());
        Path starting = Files.createDirectory(root.resolve(STARTING_PREFIX + id));
        FileChannel channel = FileChannel.open(starting.resolve(LOCK_FILE), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        try {
            channel.lock();
            // the lock stays with the open file through the rename
            Files.move(starting, root.resolve(own), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        HELD_IN_THIS_JVM.add(root.resolve(own).toAbsolutePath());
        lockChannel = channel;
    }

    /** At stop, once the work in flight has finished: nothing it spooled outlives the process. */
    @PreDestroy
    public synchronized void release() {
        if (lockChannel == null) {
            return;
        }
        try (FileChannel held = lockChannel) {
            deleteTree(root().resolve(own));
        } catch (IOException e) {
            LOG.warnf(e, "Could not remove the spool directory %s", root().resolve(own));
        } finally {
            HELD_IN_THIS_JVM.remove(root().resolve(own).toAbsolutePath());
            lockChannel = null;
        }
    }

    /**
     * Removes the spool directories of processes that are gone and the old layout's files left
     * behind; returns how many. What cannot be removed is logged and left.
     */
    public int removeLeftBehind() {
        Path root = root();
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                if (!HELD_IN_THIS_JVM.contains(entry.toAbsolutePath()) && removedIfLeftBehind(entry)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.warnf(e, "Could not list the spool directory %s", root);
        }
        return removed;
    }

    private boolean removedIfLeftBehind(Path entry) {
        String name = entry.getFileName().toString();
        try {
            if (Files.isDirectory(entry) && name.startsWith(PROCESS_PREFIX)) {
                return removedIfUnlocked(entry);
            }
            if (Files.isDirectory(entry) && name.startsWith(STARTING_PREFIX) && untouchedFor(entry)) {
                deleteTree(entry);
                return true;
            }
            if (Files.isRegularFile(entry) && isOldLayoutFile(name) && untouchedFor(entry)) {
                Files.deleteIfExists(entry);
                return true;
            }
        } catch (IOException e) {
            LOG.warnf(e, "Could not remove %s, which a stopped process left in the spool directory", entry);
        }
        return false;
    }

    private static boolean removedIfUnlocked(Path directory) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.WRITE);
        } catch (NoSuchFileException noLockFile) {
            // removed by another process cleaning up meanwhile, or made again without one by path()
            if (!Files.exists(directory) || !untouchedFor(directory)) {
                return false;
            }
            deleteTree(directory);
            return true;
        }
        try (channel) {
            if (channel.tryLock() == null) {
                return false;
            }
            deleteTree(directory);
            return true;
        } catch (OverlappingFileLockException heldInThisProcess) {
            return false;
        }
    }

    private static boolean untouchedFor(Path path) throws IOException {
        return Files.getLastModifiedTime(path).toInstant().isBefore(Instant.now().minus(UNLOCKED_LEFTOVER_AGE));
    }

    /** The lock file goes last, while still locked: a process looking meanwhile finds it held. */
    private static void deleteTree(Path directory) throws IOException {
        Path lockFile = directory.resolve(LOCK_FILE);
        List<Path> contents;
        try (Stream<Path> walk = Files.walk(directory)) {
            contents = walk.filter(path -> !path.equals(directory) && !path.equals(lockFile))
                    .sorted(Comparator.reverseOrder())
                    .toList();
        } catch (NoSuchFileException removedMeanwhile) {
            return;
        }
        for (Path path : contents) {
            Files.deleteIfExists(path);
        }
        Files.deleteIfExists(lockFile);
        Files.deleteIfExists(directory);
    }
}
