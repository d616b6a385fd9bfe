package io.geoingest.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.cli.Environment;
import io.geoingest.cli.UsageException;
import io.geoingest.cli.config.Connection.KeyUse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionTest {

    @TempDir
    Path work;

    @Test
    void flagsWinOverTheEnvironmentWhichWinsOverLocalEnv() throws IOException {
        Environment environment = environment(Map.of("GEOINGEST_URL", "http://env:8080", "GEOINGEST_API_KEY", "env-key"),
                Optional.of(writeLocalEnv()));

        assertEquals(new Connection(URI.create("http://flag:8080"), Optional.of("flag-key"), Optional.empty()),
                Connection.resolve(Optional.of("http://flag:8080/"), Optional.of("flag-key"), environment, KeyUse.REQUIRED));
        assertEquals(new Connection(URI.create("http://env:8080"), Optional.of("env-key"), Optional.empty()),
                Connection.resolve(Optional.empty(), Optional.empty(), environment, KeyUse.REQUIRED));
    }

    @Test
    void localEnvGivesTheDefaultsWithItsUploadKey() throws IOException {
        Path localEnv = writeLocalEnv();
        Environment environment = environment(Map.of(), Optional.of(localEnv));

        assertEquals(new Connection(URI.create("http://127.0.0.1:18080"), Optional.of("local-upload-key"), Optional.of(localEnv)),
                Connection.resolve(Optional.empty(), Optional.empty(), environment, KeyUse.REQUIRED));
    }

    /** A checkout's key went to whatever server GEOINGEST_URL named. */
    @Test
    void theLocalEnvsKeyIsNotSentToAServerNamedElsewhere() throws IOException {
        Environment environment = environment(Map.of("GEOINGEST_URL", "https://giq.ae"), Optional.of(writeLocalEnv()));

        UsageException error = assertThrows(UsageException.class,
                () -> Connection.resolve(Optional.empty(), Optional.empty(), environment, KeyUse.REQUIRED));
        assertEquals("no API key for https://giq.ae: set GEOINGEST_API_KEY, or pass --api-key-file FILE (a local.env's key"
                + " goes only to the server that file names)", error.getMessage());
        assertEquals(new Connection(URI.create("https://giq.ae"), Optional.empty(), Optional.empty()),
                Connection.resolve(Optional.empty(), Optional.empty(), environment, KeyUse.IF_GIVEN));
    }

    @Test
    void nothingConfiguredIsAUsageErrorThatSaysWhatToDo() {
        UsageException error = assertThrows(UsageException.class,
                () -> Connection.resolve(Optional.empty(), Optional.of("key"), environment(Map.of(), Optional.empty()), KeyUse.REQUIRED));
        assertTrue(error.getMessage().startsWith("no server URL: pass --url, set GEOINGEST_URL"), error.getMessage());

        error = assertThrows(UsageException.class,
                () -> Connection.resolve(Optional.of("http://x:1"), Optional.empty(), environment(Map.of(), Optional.empty()), KeyUse.REQUIRED));
        assertTrue(error.getMessage().startsWith("no API key for http://x:1: set GEOINGEST_API_KEY, or pass --api-key-file"),
                error.getMessage());
    }

    @Test
    void aCommandThatMayCallWithoutAKeyGoesWithoutOneWhenNoneIsSet() throws IOException {
        Environment nothingSet = environment(Map.of(), Optional.empty());
        assertEquals(new Connection(URI.create("http://x:1"), Optional.empty(), Optional.empty()),
                Connection.resolve(Optional.of("http://x:1"), Optional.empty(), nothingSet, KeyUse.IF_GIVEN));

        Path localEnv = writeLocalEnv();
        assertEquals(new Connection(URI.create("http://127.0.0.1:18080"), Optional.of("local-upload-key"), Optional.of(localEnv)),
                Connection.resolve(Optional.empty(), Optional.empty(), environment(Map.of(), Optional.of(localEnv)), KeyUse.IF_GIVEN));
    }

    @Test
    void aUrlMustBeHttp() {
        assertThrows(UsageException.class, () -> Connection.parseBaseUrl("127.0.0.1:8080"));
        assertThrows(UsageException.class, () -> Connection.parseBaseUrl("ftp://host/"));
        assertThrows(UsageException.class, () -> Connection.parseBaseUrl("http://bad host"));
        assertEquals(URI.create("https://giq.ae/api"), Connection.parseBaseUrl(" https://giq.ae/api// "));
    }

    private Path writeLocalEnv() throws IOException {
        Files.createDirectories(work.resolve(".geoingest"));
        return Files.writeString(work.resolve(".geoingest/local.env"), """
                export GEOINGEST_URL='http://127.0.0.1:18080'
                export GEOINGEST_ADMIN_KEY='local-admin-key'
                export GEOINGEST_UPLOAD_KEY='local-upload-key'
                """);
    }

    private Environment environment(Map<String, String> variables, Optional<Path> localEnv) {
        return new Environment(variables, work, localEnv, System.out, System.err, false);
    }
}
