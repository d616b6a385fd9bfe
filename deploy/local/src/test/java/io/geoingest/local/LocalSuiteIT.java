package io.geoingest.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.testing.infra.FreePorts;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runs {@code deploy/local/run.sh} as a user would and stops it as Ctrl-C would. Slow: it starts everything. */
@Tag("slow")
class LocalSuiteIT {
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    @Test
    void startsEveryComponentAndStopsCleanlyOnSigterm() throws Exception {
        Map<String, String> environment = freePorts();
        Path home = Files.createTempDirectory(Path.of("target"), "local-suite-").toAbsolutePath();
        environment.put("GEOINGEST_HOME", home.toString());
        Path output = home.resolve("run.out");
        Process suite = runSuite(environment, output);
        try {
            awaitOutput(suite, output, "GeoIngest is running.", Duration.ofMinutes(4));
            for (String service : List.of("UPLOAD", "STATUS", "WORKER")) {
                given().port(Integer.parseInt(environment.get("GEOINGEST_" + service + "_PORT")))
                        .get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            }
            Properties local = localEnv(home);
            given().baseUri(local.getProperty("GEOINGEST_URL")).header("X-API-KEY", local.getProperty("GEOINGEST_ADMIN_KEY"))
                    .contentType("application/json").body(Map.of("owner", "it", "permissions", List.of("files_upload")))
                    .post("/public/auth/api-keys").then().statusCode(201);
            given().baseUri(local.getProperty("GEOINGEST_URL")).header("X-API-KEY", local.getProperty("GEOINGEST_UPLOAD_KEY"))
                    .contentType("application/json").body(Map.of("owner", "it", "permissions", List.of("files_upload")))
                    .post("/public/auth/api-keys").then().statusCode(403);
            List<Long> pids = pids(home);
            assertEquals(5, pids.size(), "a pid file per process: launcher, postgres and three services");

            suite.destroy();
            assertTrue(suite.waitFor(30, TimeUnit.SECONDS), "the suite stops within 30 s of SIGTERM");
            for (long pid : pids) {
                assertFalse(running(pid), "process " + pid + " stopped");
            }
            assertTrue(pids(home).isEmpty(), "pid files are removed");
        } finally {
            suite.destroyForcibly();
        }
    }

    @Test
    void refusesToStartWhenAPortIsTaken() throws Exception {
        Map<String, String> environment = freePorts();
        Path home = Files.createTempDirectory(Path.of("target"), "local-suite-").toAbsolutePath();
        environment.put("GEOINGEST_HOME", home.toString());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            environment.put("GEOINGEST_GATEWAY_PORT", Integer.toString(taken.getLocalPort()));
            Path output = home.resolve("run.out");
            Process suite = runSuite(environment, output);
            assertTrue(suite.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, suite.exitValue());
            assertTrue(Files.readString(output).contains("ports already in use: gateway (GEOINGEST_GATEWAY_PORT): "
                    + taken.getLocalPort()), Files.readString(output));
        }
    }

    private static Map<String, String> freePorts() {
        Map<String, String> environment = new HashMap<>();
        for (String name : List.of("GATEWAY", "UPLOAD", "STATUS", "WORKER", "PG", "KAFKA", "S3")) {
            environment.put("GEOINGEST_" + name + "_PORT", Integer.toString(FreePorts.orFree(0)));
        }
        environment.put("GEOINGEST_SKIP_BUILD", "1");
        return environment;
    }

    private static Process runSuite(Map<String, String> environment, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("deploy/local/run.sh").toString())
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static void awaitOutput(Process suite, Path output, String expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.readString(output);
            if (text.contains(expected)) {
                return;
            }
            if (!suite.isAlive()) {
                throw new AssertionError("the suite exited with " + suite.exitValue() + ":\n" + text);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no '" + expected + "' within " + timeout + ":\n" + Files.readString(output));
    }

    private static Properties localEnv(Path home) throws IOException {
        Properties values = new Properties();
        for (String line : Files.readAllLines(home.resolve("local.env"))) {
            if (line.startsWith("export ")) {
                String assignment = line.substring("export ".length());
                int equals = assignment.indexOf('=');
                values.setProperty(assignment.substring(0, equals), assignment.substring(equals + 1).replace("'", ""));
            }
        }
        return values;
    }

    /** Alive and not a zombie: a stopped daemon whose parent is gone waits to be reaped by init. */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String text = Files.readString(stat);
        String state = text.substring(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3);
        return !state.equals("Z") && !state.equals("X");
    }

    private static List<Long> pids(Path home) throws IOException {
        try (var files = Files.list(home.resolve("pids"))) {
            return files.map(file -> {
                try {
                    return Long.parseLong(Files.readString(file).trim());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
        }
    }
}
