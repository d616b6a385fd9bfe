package io.geoingest.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
    @TempDir
    Path directory;

    @Test
    void theKeysAreTheOwnersOnlyFromTheStart() throws Exception {
        Path home = directory.resolve(".geoingest");

        Secrets.loadOrCreate(home);

        assertEquals("rwx------", permissions(home));
        for (Path file : List.of(home.resolve("secrets.properties"), home.resolve("jwt/private.pem"))) {
            assertEquals("rw-------", permissions(file), file.toString());
        }
        try (var files = Files.list(home)) {
            assertEquals(List.of("jwt", "secrets.properties"), files.map(file -> file.getFileName().toString()).sorted()
                    .toList(), "no file written aside is left behind");
        }
    }

    @Test
    void aSecondStartHasTheKeysOfTheFirst() throws Exception {
        Secrets first = Secrets.loadOrCreate(directory);

        assertEquals(first, Secrets.loadOrCreate(directory));
    }

    /** A file cut short was taken as it was, and the services started with no keys, failing far from the cause. */
    @Test
    void aFileWithAKeyMissingStopsTheStartNamingTheFileAndWhatToDo() throws Exception {
        Secrets.loadOrCreate(directory);
        Path file = directory.resolve("secrets.properties");
        Files.write(file, Files.readAllLines(file).stream().filter(line -> !line.startsWith("upload-key")).toList());

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Secrets.loadOrCreate(directory));

        assertTrue(refused.getMessage().startsWith(file + " lacks upload-key. "), refused.getMessage());
        assertTrue(refused.getMessage().contains("delete it and start again"), refused.getMessage());
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
