package io.geoingest.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalEnvTest {

    @TempDir
    Path checkout;

    @Test
    void theFileOfTheCheckoutIsFoundFromAnyFolderInIt() throws IOException {
        Path file = write(checkout);

        assertEquals(Optional.of(file), LocalEnv.nearest(checkout));
        assertEquals(Optional.of(file), LocalEnv.nearest(Files.createDirectories(checkout.resolve("cli/src"))));
    }

    @Test
    void theNearestFileWins() throws IOException {
        write(checkout);
        Path nested = write(Files.createDirectories(checkout.resolve("nested")));

        assertEquals(Optional.of(nested), LocalEnv.nearest(Files.createDirectories(checkout.resolve("nested/data"))));
    }

    @Test
    void aGeoingestFolderWithoutTheFileIsPassedBy() throws IOException {
        Path file = write(checkout);
        Path subfolder = Files.createDirectories(checkout.resolve("cli"));
        Files.createDirectories(subfolder.resolve(".geoingest/cli-uploads"));

        assertEquals(Optional.of(file), LocalEnv.nearest(subfolder));
    }

    @Test
    void readsWhatTheLocalSuiteWrites() {
        LocalEnv env = LocalEnv.parse("""
                # Written by deploy/local/run.sh; `source` it to use the suite.
                export GEOINGEST_URL='http://127.0.0.1:8080'
                export GEOINGEST_UPLOAD_KEY='k3y=with/equals+signs'
                """);

        assertEquals(Optional.of("http://127.0.0.1:8080"), env.get("GEOINGEST_URL"));
        assertEquals(Optional.of("k3y=with/equals+signs"), env.get("GEOINGEST_UPLOAD_KEY"));
    }

    @Test
    void readsHandWrittenVariantsAndSkipsTheRest() {
        LocalEnv env = LocalEnv.parse("""
                PLAIN=value
                  export   DOUBLE="a \\"quoted\\" value"
                export SHELL_QUOTE='it'\\''s'
                # export COMMENTED='no'
                echo not an assignment
                export EMPTY=''
                """);

        assertEquals(Optional.of("value"), env.get("PLAIN"));
        assertEquals(Optional.of("a \"quoted\" value"), env.get("DOUBLE"));
        assertEquals(Optional.of("it's"), env.get("SHELL_QUOTE"));
        assertEquals(Optional.empty(), env.get("COMMENTED"));
        assertEquals(Optional.empty(), env.get("EMPTY"));
    }

    private static Path write(Path folder) throws IOException {
        return Files.writeString(Files.createDirectories(folder.resolve(".geoingest")).resolve("local.env"),
                "export GEOINGEST_URL='http://127.0.0.1:8080'\n");
    }
}
