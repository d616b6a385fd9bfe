package io.geoingest.cli.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.cli.Environment;
import io.geoingest.cli.config.Connection;
import io.geoingest.cli.config.Connection.KeyUse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadStateStoreTest {
    private static final String SERVER = "http://127.0.0.1:8080";

    @TempDir
    Path work;

    private Path file;
    private UploadStateStore store;

    @BeforeEach
    void createFile() throws IOException {
        file = Files.write(work.resolve("scene.tif"), new byte[4096]);
        store = new UploadStateStore(work.resolve("states"), new ObjectMapper());
    }

    @Test
    void aSavedStateIsFoundAgainAsItWas() {
        UploadState state = stateOf(LocalFile.of(file));
        store.save(state);

        assertEquals(Optional.of(state), store.find(LocalFile.of(file), SERVER));
    }

    @Test
    void aStateSavedByAnOlderClientHasNoSentPartsRatherThanNone() throws IOException {
        LocalFile local = LocalFile.of(file);
        Files.createDirectories(work.resolve("states"));
        Files.writeString(store.fileFor(file), "{\"file\": " + new ObjectMapper().writeValueAsString(file.toString())
                + ", \"size\": 4096, \"modifiedMillis\": " + local.modifiedMillis() + ", \"chunkSize\": 5242880,"
                + " \"server\": \"" + SERVER + "\", \"uploadId\": \"upload-1\", \"key\": \"uploads/upload-1/scene.tif\","
                + " \"startedAt\": \"2025-01-01T00:00:00Z\"}");

        UploadState older = store.find(local, SERVER).orElseThrow();

        assertEquals("upload-1", older.uploadId());
        assertNull(older.sentParts(), "a state that recorded nothing reads as one that recorded no part");
        store.save(stateOf(local));
        assertEquals(Map.of(), store.find(local, SERVER).orElseThrow().sentParts());
    }

    @Test
    void aStateIsGoneAfterDelete() {
        UploadState state = stateOf(LocalFile.of(file));
        store.save(state);
        store.delete(state);

        assertEquals(Optional.empty(), store.find(LocalFile.of(file), SERVER));
        assertFalse(Files.exists(store.fileFor(file)));
    }

    @Test
    void aChangedFileHasNoState() throws IOException {
        store.save(stateOf(LocalFile.of(file)));

        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 5000));
        assertEquals(Optional.empty(), store.find(LocalFile.of(file), SERVER));

        Files.write(file, new byte[4097]);
        assertEquals(Optional.empty(), store.find(LocalFile.of(file), SERVER));
    }

    @Test
    void anotherServerHasNoState() {
        store.save(stateOf(LocalFile.of(file)));

        assertEquals(Optional.empty(), store.find(LocalFile.of(file), "http://other:8080"));
    }

    @Test
    void aDamagedStateFileMeansAFreshStart() throws IOException {
        store.save(stateOf(LocalFile.of(file)));
        Files.writeString(store.fileFor(file), "{\"file\": ");

        assertEquals(Optional.empty(), store.find(LocalFile.of(file), SERVER));
    }

    @Test
    void eachFileHasItsOwnStateFile() throws IOException {
        Path other = Files.write(work.resolve("other.tif"), new byte[10]);

        assertNotEquals(store.fileFor(file), store.fileFor(other));
        assertTrue(store.fileFor(file).getFileName().toString().endsWith(".json"));
    }

    @Test
    void statesLiveInTheWorkingDirectoryUnlessTheVariableSaysOtherwise() {
        Connection server = new Connection(URI.create(SERVER), Optional.of("k"), Optional.empty());
        Environment here = new Environment(Map.of(), work, Optional.empty(), System.out, System.err, false);
        assertEquals(work.resolve(".geoingest/cli-uploads"), UploadStateStore.in(here, server, new ObjectMapper()).directory());

        Environment elsewhere = new Environment(Map.of("GEOINGEST_STATE_DIR", "states"), work, Optional.empty(), System.out,
                System.err, false);
        assertEquals(work.resolve("states"), UploadStateStore.in(elsewhere, server, new ObjectMapper()).directory());
    }

    @Test
    void statesLiveBesideTheLocalEnvOfTheCheckoutWhereverInItTheClientRuns() {
        Path localEnv = work.resolve(".geoingest/local.env");
        Environment inTheCheckout = new Environment(Map.of(), work.resolve("cli"), Optional.of(localEnv), System.out,
                System.err, false);
        Connection localSuite = new Connection(URI.create(SERVER), Optional.of("k"), Optional.of(localEnv));

        assertEquals(work.resolve(".geoingest/cli-uploads"),
                UploadStateStore.in(inTheCheckout, localSuite, new ObjectMapper()).directory());
    }

    @Test
    void uploadsToAServerTheLocalEnvDidNotNameAreNotRememberedBesideIt() {
        Environment inTheCheckout = new Environment(Map.of(), work.resolve("cli"),
                Optional.of(work.resolve(".geoingest/local.env")), System.out, System.err, false);
        Connection elsewhere = Connection.resolve(Optional.of("https://giq.ae"), Optional.of("k"), inTheCheckout, KeyUse.REQUIRED);

        assertEquals(work.resolve("cli/.geoingest/cli-uploads"),
                UploadStateStore.in(inTheCheckout, elsewhere, new ObjectMapper()).directory());
    }

    private static UploadState stateOf(LocalFile local) {
        return new UploadState(local.path().toString(), local.size(), local.modifiedMillis(), 5 * 1024 * 1024, SERVER,
                "upload-1", "uploads/upload-1/scene.tif", "2025-01-01T00:00:00Z", Map.of());
    }
}
