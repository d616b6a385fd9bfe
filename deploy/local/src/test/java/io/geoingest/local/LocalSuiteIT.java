package io.geoingest.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.testing.Await;
import io.geoingest.testing.Signal;
import io.geoingest.testing.suite.RunningSuite;
import io.smallrye.jwt.build.Jwt;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code deploy/local/run.sh} as a user would and stops it as Ctrl-C would. Slow: it starts
 * everything. First of the end-to-end classes, so that it never runs beside their shared suite.
 */
@Tag("slow")
@Order(1)
class LocalSuiteIT {

    /** A damaged JPEG 2000 file on which the decoder loops for ever, deaf to interruption. */
    private static final String ENDLESS_JPEG2000 = "processing-worker/src/test/resources/fixtures/image-endless-packet.jp2";

    @Test
    void startsEveryComponentAndStopsCleanlyOnSigterm() throws Exception {
        Map<String, String> environment = RunningSuite.freshEnvironment();
        environment.put("GEOINGEST_WORKER_READ_TIMEOUT", "2s");
        environment.put("QUARKUS_SHUTDOWN_DELAY", "15s");
        try (RunningSuite suite = RunningSuite.startReady(environment)) {
            for (String service : List.of("UPLOAD", "STATUS", "WORKER")) {
                given().port(suite.port(service)).get("/q/health/ready")
                        .then().statusCode(200).body("status", equalTo("UP"));
            }
            String startOutput = Files.readString(suite.output);
            assertFalse(startOutput.contains("ERROR"), "a clean start reports no error: " + startOutput);
            Properties local = suite.localEnv();
            String gateway = local.getProperty("GEOINGEST_URL");
            // first, so that the worker's restart (a grace, then three liveness probes) runs while
            // the checks below do
            long stuck = suite.pid("processing-worker");
            String fileId = given().baseUri(gateway).header("X-API-KEY", local.getProperty("GEOINGEST_UPLOAD_KEY"))
                    .multiPart("file", "endless.jp2", Files.readAllBytes(RunningSuite.repositoryFile(ENDLESS_JPEG2000)))
                    .post("/public/file/upload?sourceType=IMAGE").then().statusCode(200).extract().path("fileId");
            given().baseUri(local.getProperty("GEOINGEST_URL")).header("X-API-KEY", local.getProperty("GEOINGEST_ADMIN_KEY"))
                    .contentType("application/json").body(Map.of("owner", "it", "permissions", List.of("files_upload")))
                    .post("/public/auth/api-keys").then().statusCode(201);
            given().baseUri(local.getProperty("GEOINGEST_URL")).header("X-API-KEY", local.getProperty("GEOINGEST_UPLOAD_KEY"))
                    .contentType("application/json").body(Map.of("owner", "it", "permissions", List.of("files_upload")))
                    .post("/public/auth/api-keys").then().statusCode(403);
            given().baseUri(local.getProperty("GEOINGEST_URL")).get("/q/swagger-ui")
                    .then().statusCode(200).body(containsString("/q/openapi/upload"));
            given().baseUri(local.getProperty("GEOINGEST_URL")).get("/q/swagger-ui/swagger-ui-bundle.js").then().statusCode(200);
            for (String document : List.of("/q/openapi/upload", "/q/openapi/status")) {
                given().baseUri(local.getProperty("GEOINGEST_URL")).get(document).then().statusCode(200)
                        .body("components.securitySchemes.apiKey.name", equalTo("X-API-KEY"));
            }
            given().baseUri(gateway).header("X-API-KEY", local.getProperty("GEOINGEST_UPLOAD_KEY")).get("/api/stac/v1")
                    .then().statusCode(200).body("links.find { it.rel == 'self' }.href", equalTo(gateway + "/api/stac/v1/"));
            assertEquals("HTTP/1.1 100 Continue", answerToExpectContinue(local),
                    "the gateway lets a client send its body at once instead of waiting for a timeout");

            Await.until("the file FAILED at the read deadline", Duration.ofSeconds(60),
                    () -> "FAILED".equals(status(local, fileId)));
            awaitWorkerReplaced(suite, stuck, "the worker with a stuck reader restarted and ready");
            String output = Files.readString(suite.output);
            assertTrue(output.contains("processing-worker is not live ("), output);
            assertTrue(output.contains("processing-worker was stopped as not live; starting it again in"), output);

            long killed = killWorker(suite);
            awaitWorkerReplaced(suite, killed, "the killed worker started again and ready");
            assertTrue(Files.readString(suite.output).contains("processing-worker stopped unexpectedly (exit code 137);"
                    + " starting it again in"));
            String afterCrash = given().baseUri(gateway).header("X-API-KEY", local.getProperty("GEOINGEST_UPLOAD_KEY"))
                    .multiPart("file", "notes.txt", "written after the crash".getBytes(StandardCharsets.UTF_8))
                    .post("/public/file/upload").then().statusCode(200).extract().path("fileId");
            Await.until("a file processed soon after a worker crash, not once the dead worker's Kafka session"
                    + " (45 s by default) has passed", Duration.ofSeconds(25),
                    () -> "COMPLETED".equals(status(local, afterCrash)));

            List<Long> pids = suite.pids();
            assertEquals(5, pids.size(), "a pid file per process: launcher, postgres and three services");

            // The first stop after a build also records the services' class-data archives, which a
            // busy machine can take more than a minute over.
            CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(() -> stopSuite(suite));
            int statusPort = suite.port("STATUS");
            Await.until("the stopping status-service reports not ready", Duration.ofSeconds(5),
                    () -> given().port(statusPort).get("/q/health/ready").statusCode() == 503);
            given().port(statusPort).header("X-API-KEY", local.getProperty("GEOINGEST_UPLOAD_KEY"))
                    .get("/public/file/status/" + afterCrash).then().statusCode(200).body("status", equalTo("COMPLETED"));
            assertTrue(stopped.get(), "the suite stops on SIGTERM within its launcher's bounds");
            for (long pid : pids) {
                assertFalse(running(pid), "process " + pid + " stopped");
            }
            assertTrue(suite.pids().isEmpty(), "pid files are removed");
        }
    }

    @Test
    void refusesToStartWhenAPortIsTaken() throws Exception {
        Map<String, String> environment = RunningSuite.freshEnvironment();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            environment.put("GEOINGEST_GATEWAY_PORT", Integer.toString(taken.getLocalPort()));
            try (RunningSuite suite = RunningSuite.launch(environment)) {
                assertTrue(suite.process.waitFor(60, TimeUnit.SECONDS));
                assertEquals(1, suite.process.exitValue());
                String output = Files.readString(suite.output);
                assertTrue(output.contains("ports already in use: gateway (GEOINGEST_GATEWAY_PORT): "
                        + taken.getLocalPort()), output);
            }
        }
    }

    /**
     * With a space in GEOINGEST_HOME every Bearer token got a 401 (the services were given the
     * key's file: URI, which they opened with %20 in its path); a PostgreSQL server that died stayed
     * dead, unreported; and a launcher started without run.sh ran beside the first on the same data.
     */
    @Test
    void aSuiteInAFolderWithASpaceTakesTokensOutlivesPostgresAndRefusesASecondLauncher() throws Exception {
        Map<String, String> environment = RunningSuite.freshEnvironment();
        Path home = Files.createDirectories(Path.of(environment.get("GEOINGEST_HOME"), "my data"));
        environment.put("GEOINGEST_HOME", home.toString());
        try (RunningSuite suite = RunningSuite.startReady(environment)) {
            Properties local = suite.localEnv();
            String bearer = "Bearer " + token(Path.of(local.getProperty("GEOINGEST_JWT_PRIVATE_KEY")));
            given().baseUri(local.getProperty("GEOINGEST_URL")).header("Authorization", bearer)
                    .multiPart("file", "notes.txt", "sent with a token".getBytes(StandardCharsets.UTF_8))
                    .post("/public/file/upload").then().statusCode(200);

            ProcessBuilder second = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", RunningSuite.repositoryFile("deploy/local/target/geoingest-local.jar").toString())
                    .redirectErrorStream(true);
            second.environment().putAll(environment);
            Process refused = second.start();
            String refusal = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(1, refused.waitFor(), refusal);
            assertTrue(refusal.contains("GeoIngest is already running with its data in " + home), refusal);

            long postmaster = suite.pid("postgres");
            Signal.KILL.sendTo(postmaster);
            Await.until("PostgreSQL started again", Duration.ofSeconds(90),
                    () -> output(suite).contains("PostgreSQL is running again"));
            assertTrue(output(suite).contains("PostgreSQL (pid " + postmaster + ") stopped unexpectedly"), output(suite));
            // the services' pools find their connections to the dead server broken, and open new ones
            Await.until("an upload stored once more", Duration.ofSeconds(60),
                    () -> given().baseUri(local.getProperty("GEOINGEST_URL")).header("Authorization", bearer)
                            .multiPart("file", "later.txt", "after the restart".getBytes(StandardCharsets.UTF_8))
                            .post("/public/file/upload").statusCode() == 200);
        }
    }

    private static String output(RunningSuite suite) {
        try {
            return Files.readString(suite.output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token as a developer makes one with the suite's private key, which the README describes. */
    private static String token(Path privateKey) throws Exception {
        String pem = Files.readString(privateKey).replaceAll("-----[A-Z ]+-----", "");
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem)));
        return Jwt.issuer("https://geoingest.local/issuer").subject("developer").groups(Set.of("files_upload"))
                .audience("geoingest").expiresAt(Instant.now().plus(Duration.ofMinutes(10))).sign(key);
    }

    /** Ctrl-C during PostgreSQL's start left its server running, with no pid file to find it by. */
    @Test
    void aStopDuringPostgresStartStopsPostgres() throws Exception {
        Map<String, String> environment = RunningSuite.freshEnvironment();
        Path data = Path.of(environment.get("GEOINGEST_HOME"), "postgres");
        // the server itself, not initdb's: pg_ctl starts it with the port
        String server = " -p " + environment.get("GEOINGEST_PG_PORT") + " ";
        try (RunningSuite suite = RunningSuite.launch(environment)) {
            // at once, while pg_ctl still waits for the server to be ready
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (serversOf(data).stream().noneMatch(process -> process.info().commandLine().orElse("").contains(server))) {
                assertTrue(Instant.now().isBefore(deadline), "PostgreSQL's server did not start");
                Thread.sleep(10);
            }

            assertTrue(suite.stop(Duration.ofMinutes(3)), "the launcher stopped");

            Await.until("no server of the suite's data runs", Duration.ofSeconds(10),
                    () -> serversOf(data).isEmpty());
        } finally {
            serversOf(data).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static List<ProcessHandle> serversOf(Path data) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().filter(line -> line.contains(data.toString())).isPresent())
                .toList();
    }

    /** The first line the gateway answers to the head of a large upload that asks before sending its body. */
    private static String answerToExpectContinue(Properties local) throws IOException {
        URI gateway = URI.create(local.getProperty("GEOINGEST_URL"));
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST /public/file/upload HTTP/1.1\r\nHost: " + gateway.getAuthority()
                    + "\r\nX-API-KEY: " + local.getProperty("GEOINGEST_UPLOAD_KEY")
                    + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 50000000"
                    + "\r\nExpect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    private static boolean stopSuite(RunningSuite suite) {
        try {
            return suite.stop(RunningSuite.LAUNCHER_STOP_TIME);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long killWorker(RunningSuite suite) throws Exception {
        long pid = suite.pid("processing-worker");
        Signal.KILL.sendTo(pid);
        return pid;
    }

    private static String status(Properties local, String fileId) {
        return given().baseUri(local.getProperty("GEOINGEST_URL")).header("X-API-KEY", local.getProperty("GEOINGEST_UPLOAD_KEY"))
                .get("/public/file/status/" + fileId).path("status");
    }

    /** Waits until a worker process other than {@code gone} runs and is ready. */
    private static void awaitWorkerReplaced(RunningSuite suite, long gone, String what) {
        Await.until(what, Duration.ofSeconds(90), () -> workerPid(suite) != gone && ready(suite.port("WORKER")));
    }

    /** 0 between a stop and the next start, while the launcher has no pid file for it. */
    private static long workerPid(RunningSuite suite) {
        try {
            return suite.pid("processing-worker");
        } catch (IllegalStateException noPidFile) {
            return 0;
        }
    }

    private static boolean ready(int port) {
        try {
            return given().port(port).get("/q/health/ready").statusCode() == 200;
        } catch (Exception notListening) {
            return false;
        }
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
}
