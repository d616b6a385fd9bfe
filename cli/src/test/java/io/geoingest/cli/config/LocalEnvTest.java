package io.geoingest.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalEnvTest {

    @TempDir
    Path folder;

    Path checkout;

    @BeforeEach
    void makeCheckout() throws IOException {
        checkout = Files.createDirectories(folder.resolve("geoingest"));
        Files.writeString(Files.createDirectories(checkout.resolve("deploy/local")).resolve("run.sh"), "#!/usr/bin/env bash\n");
    }

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

    /** As a local.env someone left in /tmp, above a checkout in /tmp/geoingest. */
    @Test
    void noFileAboveTheCheckoutIsTaken() throws IOException {
        write(folder);

        assertEquals(Optional.empty(), LocalEnv.nearest(Files.createDirectories(checkout.resolve("cli"))));
    }

    @Test
    void aFileAnotherUserOwnsIsPassedBy() throws IOException {
        Path own = write(checkout);
        Path planted = write(Files.createDirectories(checkout.resolve("shared")));
        try {
            Files.setOwner(planted, planted.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        } catch (IOException e) {
            assumeTrue(false, "only root can give a file to another user: " + e);
        }

        assertEquals(Optional.of(own), LocalEnv.nearest(checkout.resolve("shared")));
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
