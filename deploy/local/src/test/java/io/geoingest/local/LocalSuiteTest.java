package io.geoingest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSuiteTest {
    @TempDir
    Path directory;

    /** Only the outer message was shown: "PostgreSQL could not be started", and not what pg_ctl said. */
    @Test
    void aFailedStartShowsEveryCauseAndTheLogThatSaysMore() {
        Path log = directory.resolve("postgres.log");
        IOException pgCtl = new IOException("pg_ctl -D /data start failed: waiting for server to start....\n"
                + "pg_ctl: could not start server", new AccessDeniedException("/data/postgres/postmaster.pid"));

        String shown = LocalSuite.startFailure(new UncheckedIOException("PostgreSQL could not be started", pgCtl),
                Optional.of(log));

        assertEquals("""
                PostgreSQL could not be started
                  caused by java.io.IOException: pg_ctl -D /data start failed: waiting for server to start....
                    pg_ctl: could not start server
                  caused by java.nio.file.AccessDeniedException: /data/postgres/postmaster.pid
                More in\s""" + log, shown);
    }

    @Test
    void aSecondLauncherOnTheSameDataIsRefusedWhileTheFirstRuns() throws Exception {
        Path home = directory.resolve("home");
        try (FileLock first = LocalSuite.lockHome(home)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> LocalSuite.lockHome(home));
            assertTrue(refused.getMessage().startsWith("GeoIngest is already running with its data in " + home),
                    refused.getMessage());
        }
        LocalSuite.lockHome(home).close();
    }

    /** With a space or a quote in the data directory's path, `source local.env` failed or set other values. */
    @Test
    void localEnvGivesTheShellEveryValueAsItIs() throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("GEOINGEST_JWT_PRIVATE_KEY", "/home/o'brien/my data/$HOME/`x`/private.pem");
        values.put("GEOINGEST_URL", "http://127.0.0.1:8080");
        Path env = Files.writeString(directory.resolve("it's local.env"), LocalSuite.localEnv(values));

        Process shell = new ProcessBuilder("bash", "-c", "source " + LocalSuite.shellQuoted(env.toString())
                + " && printf '%s\\n' \"$GEOINGEST_JWT_PRIVATE_KEY\" \"$GEOINGEST_URL\"").redirectErrorStream(true).start();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, shell.waitFor(), output);
        assertEquals(String.join("\n", values.values()) + "\n", output);
    }

    /** Appended to at every start, the logs of a suite used for months filled the disk. */
    @Test
    void eachStartKeepsTheLogOfThePreviousRunOnly() throws Exception {
        Path log = directory.resolve("upload-service.log");
        Files.writeString(log, "first run\n");
        LocalSuite.keepPreviousRun(log);
        Files.writeString(log, "second run\n");
        LocalSuite.keepPreviousRun(log);

        assertFalse(Files.exists(log));
        assertEquals("second run\n", Files.readString(directory.resolve("upload-service.log.1")));
        assertEquals(1, Files.list(directory).count());
    }
}
