package io.geoingest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.cli.config.LocalEnv;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line itself: usage errors, configuration errors and failures, each as one line. */
class GeoIngestTest {
    private static final String COMPLETED = "{\"fileId\": \"42\", \"status\": \"COMPLETED\"}";

    @TempDir
    Path work;

    @Test
    void aWrongCallIsOneLineAndExitCode2() {
        Result result = run(Map.of(), "upload");

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertEquals("geoingest: Missing required parameter: 'FILE' (see 'geoingest upload --help')", result.err().strip());
    }

    @Test
    void aBadSizeSaysWhatASizeLooksLike() {
        Result result = run(Map.of(), "upload", "x", "--chunk-size", "64XB");

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertTrue(result.err().contains("'64XB' is not a size (examples: 64MiB"), result.err());
    }

    @Test
    void anUnknownSourceTypeIsAUsageError() throws IOException {
        Files.writeString(work.resolve("a.txt"), "a");
        Result result = run(Map.of(), "upload", "a.txt", "--source-type", "PHOTO");

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertTrue(result.err().contains("--source-type"), result.err());
    }

    @Test
    void noCommandIsAUsageError() {
        Result result = run(Map.of());

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertTrue(result.err().contains("a command is needed: upload, stac-upload, status, download or search"), result.err());
    }

    @Test
    void missingConfigurationIsAUsageError() {
        Result result = run(Map.of(), "status", "42");

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertTrue(result.err().startsWith("geoingest: no server URL"), result.err());
    }

    @Test
    void statusWorksFromAFolderBelowTheLocalEnv() throws IOException {
        try (LocalServer server = new LocalServer().on("/public/file/status/42", LocalServer.json(200, COMPLETED))) {
            Path checkout = checkout(work);
            writeLocalEnv(checkout, server.url());

            Path subfolder = Files.createDirectories(checkout.resolve("cli"));
            Result result = run(subfolder, LocalEnv.nearest(subfolder), Map.of(), "status", "42");

            assertEquals(ExitCode.OK, result.exitCode(), result.err());
            assertTrue(result.out().contains("status  COMPLETED"), result.out());
        }
    }

    /** As a local.env someone left in /tmp, above a checkout in /tmp/geoingest. */
    @Test
    void aLocalEnvAboveTheCheckoutSendsNothingToItsServer() throws IOException {
        try (LocalServer planted = new LocalServer().on("/public/file/status/42", LocalServer.json(200, COMPLETED))) {
            writeLocalEnv(work, planted.url());

            Path subfolder = Files.createDirectories(checkout(work.resolve("geoingest")).resolve("cli"));
            Result result = run(subfolder, LocalEnv.nearest(subfolder), Map.of(), "status", "42");

            assertEquals(ExitCode.USAGE, result.exitCode(), result.err());
            assertTrue(result.err().startsWith("geoingest: no server URL"), result.err());
            assertEquals(0, planted.requests(), "the server a file above the checkout names is no server of the user's");
        }
    }

    @Test
    void aLocalEnvThatCannotBeReadIsNoMatterWhenTheServerAndKeyAreGiven() throws IOException {
        Path checkout = checkout(work);
        Files.write(Files.createDirectories(checkout.resolve(".geoingest")).resolve("local.env"),
                new byte[] {'#', ' ', (byte) 0xe9, 't', 'e', '\n'});
        Path subfolder = Files.createDirectories(checkout.resolve("cli"));
        try (LocalServer server = new LocalServer().on("/public/file/status/42", LocalServer.json(200, COMPLETED))) {
            Result flags = run(subfolder, LocalEnv.nearest(subfolder), Map.of(), "status", "42", "--url", server.url(),
                    "--api-key", "k");
            Result variables = run(subfolder, LocalEnv.nearest(subfolder),
                    Map.of("GEOINGEST_URL", server.url(), "GEOINGEST_API_KEY", "k"), "status", "42");

            assertEquals(ExitCode.OK, flags.exitCode(), flags.err());
            assertEquals(ExitCode.OK, variables.exitCode(), variables.err());
        }

        Result needed = run(subfolder, LocalEnv.nearest(subfolder), Map.of(), "status", "42");
        assertEquals(ExitCode.FAILURE, needed.exitCode());
        assertTrue(needed.err().startsWith("geoingest: cannot read " + checkout.resolve(".geoingest/local.env")),
                needed.err());
    }

    @Test
    void aMissingFileIsAUsageError() {
        Result result = run(Map.of("GEOINGEST_URL", "http://127.0.0.1:9", "GEOINGEST_API_KEY", "k"), "upload", "none.bin");

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertEquals("geoingest: no such file: " + work.resolve("none.bin"), result.err().strip());
    }

    @Test
    void anEmptyFileIsAUsageError() throws IOException {
        Files.createFile(work.resolve("empty.bin"));
        Result result = run(Map.of("GEOINGEST_URL", "http://127.0.0.1:9", "GEOINGEST_API_KEY", "k"), "upload", "empty.bin");

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertEquals("geoingest: empty.bin is empty: there is nothing to upload", result.err().strip());
    }

    @Test
    void anUnreachableServerIsAFailureWithoutAStackTraceUnlessDebugging() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> variables = Map.of("GEOINGEST_URL", "http://127.0.0.1:" + closedPort, "GEOINGEST_API_KEY", "k",
                "GEOINGEST_MAX_ATTEMPTS", "2");

        Result result = run(variables, "status", "42");
        assertEquals(ExitCode.FAILURE, result.exitCode());
        assertEquals("geoingest: status of 42: cannot connect to http://127.0.0.1:" + closedPort, result.err().strip());

        Result debugged = run(variables, "status", "42", "--debug");
        assertEquals(ExitCode.FAILURE, debugged.exitCode());
        assertTrue(debugged.err().contains("retry 1 in"), debugged.err());
        assertTrue(debugged.err().contains("\tat "), "a stack trace with --debug");
        assertFalse(result.err().contains("\tat "), "no stack trace without");
    }

    @Test
    void theStatusOfAFailedFileExitsAsFollowingItDoes() {
        String failed = "{\"fileId\": \"42\", \"status\": \"FAILED\", \"reason\": \"not a raster\"}";
        try (LocalServer server = new LocalServer().on("/public/file/status/42", exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("/events")) {
                LocalServer.answer(exchange, 200, "event: status\ndata: " + failed + "\n\n");
            } else {
                LocalServer.answer(exchange, 200, failed);
            }
        })) {
            Map<String, String> variables = Map.of("GEOINGEST_URL", server.url(), "GEOINGEST_API_KEY", "k");

            Result status = run(variables, "status", "42");
            Result followed = run(variables, "status", "42", "--follow");

            assertEquals(ExitCode.FAILURE, followed.exitCode(), followed.err());
            assertEquals(ExitCode.FAILURE, status.exitCode(), status.err());
            assertTrue(status.out().contains("status  FAILED"), status.out());
        }
    }

    /**
     * A name near the 255 bytes a file system keeps: the download went to the name with ".part"
     * after it, which has no room, and failed whatever the file.
     */
    @Test
    void aFileWithANameNearTheFileSystemsLimitIsDownloadedUnderIt() throws IOException {
        String name = "y".repeat(251) + ".tif";
        try (LocalServer server = new LocalServer()) {
            server.on("/public/file/status/42", LocalServer.json(200, "{\"id\": \"42\", \"originalName\": \"" + name + "\"}"))
                    .on("/public/file/download/url", exchange -> LocalServer.answer(exchange, 200, server.url() + "/stored/42"))
                    .on("/stored/42", exchange -> LocalServer.answer(exchange, 200, "the scene's bytes"));

            Result downloaded = run(Map.of("GEOINGEST_URL", server.url(), "GEOINGEST_API_KEY", "k"), "download", "42");

            assertEquals(0, downloaded.exitCode(), downloaded.err());
            assertEquals("the scene's bytes", Files.readString(work.resolve(name)));
            try (var left = Files.list(work)) {
                assertEquals(List.of(work.resolve(name)), left.toList(), "nothing but the file is left");
            }
        }
    }

    /**
     * A download that was killed left its temporary file (450 MB in QA), and every later one beside
     * it stayed. The next download removes such leftovers, not the file of a download still running.
     */
    @Test
    void aDownloadRemovesTheTemporaryFilesOfKilledDownloadsButNotOfRunningOnes() throws IOException {
        Path killed = Files.writeString(work.resolve(".geoingest-killed.part"), "half a scene");
        Path running = Files.writeString(work.resolve(".geoingest-running.part"), "a scene being written");
        try (LocalServer server = new LocalServer();
                FileChannel channel = FileChannel.open(running, StandardOpenOption.WRITE);
                FileLock stillWriting = channel.lock()) {
            server.on("/public/file/status/42", LocalServer.json(200, "{\"id\": \"42\", \"originalName\": \"scene.tif\"}"))
                    .on("/public/file/download/url", exchange -> LocalServer.answer(exchange, 200, server.url() + "/stored/42"))
                    .on("/stored/42", exchange -> LocalServer.answer(exchange, 200, "the scene's bytes"));

            Result downloaded = run(Map.of("GEOINGEST_URL", server.url(), "GEOINGEST_API_KEY", "k"), "download", "42");

            assertEquals(0, downloaded.exitCode(), downloaded.err());
            assertEquals("the scene's bytes", Files.readString(work.resolve("scene.tif")));
            assertFalse(Files.exists(killed), "the killed download's file is removed");
            assertTrue(Files.exists(running), "the running download's file stays");
        }
    }

    /** A name longer than file systems keep (the server takes 1,000 characters) is refused before the download. */
    @Test
    void aFileWhoseNameNoFileSystemKeepsNeedsANameOfTheUsersChoice() throws IOException {
        AtomicInteger downloads = new AtomicInteger();
        try (LocalServer server = new LocalServer()) {
            server.on("/public/file/status/42", LocalServer.json(200, "{\"id\": \"42\", \"originalName\": \"" + "é".repeat(150) + ".tif\"}"))
                    .on("/public/file/download/url", exchange -> LocalServer.answer(exchange, 200, server.url() + "/stored/42"))
                    .on("/stored/42", exchange -> {
                        downloads.incrementAndGet();
                        LocalServer.answer(exchange, 200, "the scene's bytes");
                    });
            Map<String, String> variables = Map.of("GEOINGEST_URL", server.url(), "GEOINGEST_API_KEY", "k");

            Result refused = run(variables, "download", "42");
            Result named = run(variables, "download", "42", "-o", "scene.tif");

            assertEquals(ExitCode.USAGE, refused.exitCode(), refused.err());
            assertTrue(refused.lastErrorLine().endsWith("the file's original name is 304 bytes long, and file systems keep"
                    + " at most 255; choose a name with -o"), refused.err());
            assertEquals(0, named.exitCode(), named.err());
            assertEquals("the scene's bytes", Files.readString(work.resolve("scene.tif")));
            assertEquals(1, downloads.get());
        }
    }

    /** Scripts tell "not known yet, ask again later" from a FAILED file by the exit code. */
    @Test
    void aWaitGivenUpWithTheFileStillAtWorkExits3() throws IOException {
        Files.writeString(work.resolve("a.tif"), "a");
        try (LocalServer server = new LocalServer()
                .on("/public/file/upload", LocalServer.json(200, "{\"fileId\": \"42\", \"originalName\": \"a.tif\", \"size\": 1}"))
                .on("/public/file/status/42", LocalServer.json(200,
                        "event: status\ndata: {\"fileId\": \"42\", \"status\": \"IN_PROGRESS\"}\n\n"))) {
            // each stream ends without news: the wait gives up after as many as requests are sent at most
            Map<String, String> variables = Map.of("GEOINGEST_URL", server.url(), "GEOINGEST_API_KEY", "k",
                    "GEOINGEST_MAX_ATTEMPTS", "3");

            Result followed = run(variables, "status", "42", "--follow");
            Result uploaded = run(variables, "upload", "a.tif");

            assertEquals(3, followed.exitCode(), followed.err());
            assertTrue(followed.err().strip().endsWith("see 'geoingest status 42' later"), followed.err());
            assertEquals(3, uploaded.exitCode(), uploaded.err());
            assertEquals("42", uploaded.out().strip());
        }
    }

    /** The upload completed: a server lost while its processing is awaited leaves the outcome unknown, not failed. */
    @Test
    void aConnectionLostWhileWaitingForTheOutcomeExits3() throws IOException {
        Files.writeString(work.resolve("a.tif"), "a");
        AtomicInteger streams = new AtomicInteger();
        try (LocalServer server = new LocalServer()
                .on("/public/file/upload", LocalServer.json(200, "{\"fileId\": \"42\", \"originalName\": \"a.tif\", \"size\": 1}"))
                .on("/public/file/status/42", exchange -> {
                    if (streams.incrementAndGet() == 1) {
                        LocalServer.answer(exchange, 200, "event: status\ndata: {\"fileId\": \"42\", \"status\": \"IN_PROGRESS\"}\n\n");
                    } else {
                        exchange.close();
                    }
                })) {
            Result uploaded = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> run(Map.of("GEOINGEST_URL", server.url(), "GEOINGEST_API_KEY", "k", "GEOINGEST_MAX_ATTEMPTS", "2"),
                            "upload", "a.tif"));

            assertEquals(ExitCode.GAVE_UP_WAITING, uploaded.exitCode(), uploaded.err());
            assertEquals("42", uploaded.out().strip());
            assertTrue(uploaded.lastErrorLine().startsWith("geoingest: status stream of 42: the connection to " + server.url()),
                    uploaded.err());
            assertTrue(uploaded.lastErrorLine().endsWith("; the upload itself completed, but what became of the file is not"
                    + " known yet: see 'geoingest status 42' later"), uploaded.err());
        }
    }

    @Test
    void aFailedFileOrAnErrorAnswerWhileWaitingStillExits1() throws IOException {
        Files.writeString(work.resolve("a.tif"), "a");
        String uploaded = "{\"fileId\": \"42\", \"originalName\": \"a.tif\", \"size\": 1}";
        try (LocalServer failing = new LocalServer()
                .on("/public/file/upload", LocalServer.json(200, uploaded))
                .on("/public/file/status/42", LocalServer.json(200,
                        "event: status\ndata: {\"fileId\": \"42\", \"status\": \"FAILED\", \"reason\": \"file is empty\"}\n\n"));
                LocalServer refusing = new LocalServer()
                        .on("/public/file/upload", LocalServer.json(200, uploaded))
                        .on("/public/file/status/42", LocalServer.json(404, "{\"error\": \"File not found\"}"))) {
            Result failed = run(Map.of("GEOINGEST_URL", failing.url(), "GEOINGEST_API_KEY", "k"), "upload", "a.tif");
            Result refused = run(Map.of("GEOINGEST_URL", refusing.url(), "GEOINGEST_API_KEY", "k"), "upload", "a.tif");

            assertEquals(ExitCode.FAILURE, failed.exitCode(), failed.err());
            assertEquals("geoingest: file 42 FAILED: file is empty", failed.lastErrorLine());
            assertEquals(ExitCode.FAILURE, refused.exitCode(), refused.err());
            assertEquals("geoingest: status stream of 42: File not found (HTTP 404)", refused.lastErrorLine());
        }
    }

    @Test
    void aTimeoutMustBeADurationOfTenSecondsOrMore() {
        Map<String, String> variables = Map.of("GEOINGEST_URL", "http://127.0.0.1:9", "GEOINGEST_API_KEY", "k");

        Result tooShort = run(variables, "status", "42", "--timeout", "5s");
        assertEquals(ExitCode.USAGE, tooShort.exitCode());
        assertEquals("geoingest: --timeout must be between 10s and 24h, not 5s", tooShort.err().strip());

        Map<String, String> unreadable = new HashMap<>(variables);
        unreadable.put("GEOINGEST_TIMEOUT", "soon");
        Result notADuration = run(unreadable, "status", "42");
        assertEquals(ExitCode.USAGE, notADuration.exitCode());
        assertEquals("geoingest: GEOINGEST_TIMEOUT: 'soon' is not a duration (examples: 45s, 2m, 1.5h)",
                notADuration.err().strip());
    }

    @Test
    void theTimeoutIsHowLongTheServerMayTakeToAnswer() throws IOException {
        Files.writeString(work.resolve("a.tif"), "a");
        try (LocalServer server = new LocalServer()) {
            server.on("/public/file/upload", exchange -> {
                exchange.getRequestBody().readAllBytes();
                server.hold();
            });
            Map<String, String> variables = Map.of("GEOINGEST_URL", server.url(), "GEOINGEST_API_KEY", "k");

            Result result = assertTimeoutPreemptively(Duration.ofSeconds(25),
                    () -> run(variables, "upload", "a.tif", "--timeout", "10s"));

            assertEquals(ExitCode.FAILURE, result.exitCode());
            assertTrue(result.err().startsWith("geoingest: upload of a.tif: " + server.url() + " did not answer within 10 s"),
                    result.err());
        }
    }

    @Test
    void helpListsTheCommands() {
        Result result = run(Map.of(), "--help");

        assertEquals(ExitCode.OK, result.exitCode());
        for (String command : new String[] {"upload", "stac-upload", "status", "download", "search"}) {
            assertTrue(result.out().contains("  " + command + " "), result.out());
        }
    }

    @Test
    void stacUploadChecksItsPartSizeBeforeAnythingIsSent() throws IOException {
        Files.writeString(work.resolve("a.tif"), "a");
        Result result = run(Map.of("GEOINGEST_URL", "http://127.0.0.1:9", "GEOINGEST_API_KEY", "k"), "stac-upload", "a.tif",
                "--collection", "c", "--item", "i", "--asset", "a", "--part-size", "1MiB");

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertEquals("geoingest: --part-size must be between 5.0 MiB and 5.0 GiB", result.err().strip());
    }

    @Test
    void stacUploadNeedsTheAsset() {
        Result result = run(Map.of(), "stac-upload", "a.tif", "--collection", "c", "--item", "i");

        assertEquals(ExitCode.USAGE, result.exitCode());
        assertTrue(result.err().contains("Missing required option: '--asset=KEY'"), result.err());
    }

    @Test
    void aBadBboxOrDatetimeIsAOneLineUsageError() {
        Map<String, String> variables = Map.of("GEOINGEST_URL", "http://127.0.0.1:9", "GEOINGEST_API_KEY", "k");

        Result bbox = run(variables, "search", "--bbox", "7,46,8");
        assertEquals(ExitCode.USAGE, bbox.exitCode());
        assertEquals("geoingest: --bbox must be minx,miny,maxx,maxy in degrees, e.g. 5.9,45.8,10.5,47.8", bbox.err().strip());

        Result datetime = run(variables, "search", "--datetime", "last week");
        assertEquals(ExitCode.USAGE, datetime.exitCode());
        assertEquals(1, datetime.err().lines().count(), datetime.err());
        assertTrue(datetime.err().contains("'last week' is not one"), datetime.err());
    }

    /**
     * A search page may be empty and still have a next page (the server examines a bounded number
     * of candidates a page): the client stopped there and printed nothing. It follows the link, and
     * sends the order asked for.
     */
    @Test
    void searchFollowsAnEmptyPageToTheNextAndSendsTheSort() throws IOException {
        List<String> bodies = new CopyOnWriteArrayList<>();
        String emptyPage = """
                {"type": "FeatureCollection", "features": [], "links": [{"rel": "next", "method": "POST",
                 "href": "/api/stac/v1/search", "body": {"limit": 100, "cursor": "second"}}]}""";
        String lastPage = """
                {"type": "FeatureCollection", "links": [], "features": [{"type": "Feature", "collection": "dem",
                 "id": "thun", "bbox": [7.6, 46.7, 7.7, 46.8], "properties": {"datetime": "2024-05-01T10:30:00Z"}}]}""";
        try (LocalServer server = new LocalServer().on("/api/stac/v1/search", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            LocalServer.answer(exchange, 200, body.contains("second") ? lastPage : emptyPage);
        })) {
            Result result = run(Map.of("GEOINGEST_URL", server.url()), "search", "--sortby=-datetime");

            assertEquals(ExitCode.OK, result.exitCode(), result.err());
            assertTrue(result.out().startsWith("dem\tthun\t2024-05-01T10:30:00Z"), result.out());
            assertEquals(2, bodies.size());
            assertTrue(bodies.get(0).contains("\"sortby\":[{\"field\":\"datetime\",\"direction\":\"desc\"}]"),
                    bodies.get(0));
        }
    }

    /** --api-key shows the key to every user of the machine in the process list; a file does not. */
    @Test
    void theKeyComesFromAFileAndAFileOthersMayReadIsWarnedOf() throws IOException {
        List<String> keys = new CopyOnWriteArrayList<>();
        try (LocalServer server = new LocalServer().on("/public/file/status/42", exchange -> {
            keys.add(exchange.getRequestHeaders().getFirst("X-API-KEY"));
            LocalServer.answer(exchange, 200, COMPLETED);
        })) {
            Path ownKey = Files.writeString(work.resolve("own.key"), "  secret-1\n");
            Files.setPosixFilePermissions(ownKey, PosixFilePermissions.fromString("rw-------"));
            Path sharedKey = Files.writeString(work.resolve("shared.key"), "secret-2\n");
            Files.setPosixFilePermissions(sharedKey, PosixFilePermissions.fromString("rw-r--r--"));
            Map<String, String> variables = Map.of("GEOINGEST_URL", server.url());

            Result own = run(variables, "status", "42", "--api-key-file", "own.key");
            Result shared = run(variables, "status", "42", "--api-key-file", "shared.key");
            Result both = run(variables, "status", "42", "--api-key-file", "own.key", "--api-key", "secret-3");

            assertEquals(ExitCode.OK, own.exitCode(), own.err());
            assertEquals("", own.err());
            assertEquals(ExitCode.OK, shared.exitCode(), shared.err());
            assertEquals("geoingest: warning: other users may read the API key in " + sharedKey + " (rw-r--r--); make it"
                    + " yours alone: chmod 600 " + sharedKey, shared.err().strip());
            assertEquals(List.of("secret-1", "secret-2"), keys);
            assertEquals(ExitCode.USAGE, both.exitCode(), both.err());
            assertEquals("geoingest: pass --api-key or --api-key-file, not both", both.err().strip());
        }
    }

    @Test
    void helpRecommendsTheVariableOrAFileOverTheKeyOnTheCommandLine() {
        Result result = run(Map.of(), "--help");

        assertTrue(result.out().replaceAll("\\s+", " ").contains("Other users see it in the process list: prefer"
                + " GEOINGEST_API_KEY or --api-key-file."), result.out());
    }

    /**
     * A path the JVM cannot name (under a locale that is not UTF-8, any name beyond ASCII) ended as
     * "unexpected InvalidPathException", exit 1.
     */
    @Test
    void aPathTheSystemCannotNameIsAUsageError() {
        Result result = run(Map.of("GEOINGEST_URL", "http://127.0.0.1:9", "GEOINGEST_API_KEY", "k"), "upload", "a\0b.tif");

        assertEquals(ExitCode.USAGE, result.exitCode(), result.err());
        assertTrue(result.err().startsWith("geoingest: cannot use the path 'a\0b.tif': Nul character not allowed"),
                result.err());
    }

    /** {@code folder} made the root of a GeoIngest checkout, as far as the client can tell. */
    private static Path checkout(Path folder) throws IOException {
        Files.writeString(Files.createDirectories(folder.resolve("deploy/local")).resolve("run.sh"), "#!/usr/bin/env bash\n");
        return folder;
    }

    private static void writeLocalEnv(Path folder, String url) throws IOException {
        Files.writeString(Files.createDirectories(folder.resolve(".geoingest")).resolve("local.env"),
                "export GEOINGEST_URL='" + url + "'\nexport GEOINGEST_UPLOAD_KEY='k'\n");
    }

    /** Runs the client in {@link #work} as outside a checkout, though the build's temporary folders are inside one. */
    private Result run(Map<String, String> variables, String... args) {
        return run(work, Optional.empty(), variables, args);
    }

    private static Result run(Path workingDirectory, Optional<Path> localEnv, Map<String, String> variables,
            String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Environment environment = new Environment(variables, workingDirectory, localEnv,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
        int exitCode = GeoIngest.run(environment, args);
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Result(int exitCode, String out, String err) {
        /** The error a command ended with, after the status lines it printed on the way. */
        String lastErrorLine() {
            return err.strip().lines().reduce((first, second) -> second).orElse("");
        }
    }
}
