package io.geoingest.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.cli.Environment;
import io.geoingest.cli.config.Connection;
import io.geoingest.cli.config.Connection.KeyUse;
import io.geoingest.cli.upload.LocalFile;
import io.geoingest.cli.upload.UploadState;
import io.geoingest.cli.upload.UploadStateStore;
import io.geoingest.testing.suite.RunningSuite;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The client against the whole suite (deploy/local/run.sh from the packaged services), through a
 * proxy in front of the gateway that counts what the client sends and can fail or hang on cue.
 */
@Tag("slow")
@ExtendWith(SharedSuite.Extension.class)
class CliEndToEndIT {
    private static final int MIB = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RunningSuite suite;
    private static String gatewayUrl;
    private static String key;
    private static GatewayProxy proxy;

    private Path work;
    private Cli cli;

    @BeforeAll
    static void shareSuite(SharedSuite shared) {
        suite = shared.suite;
        gatewayUrl = shared.gatewayUrl;
        key = shared.uploadKey;
        proxy = shared.proxy;
    }

    /**
     * Each test works in a checkout of its own, as deploy/local/run.sh leaves one: its
     * .geoingest/ holds the local.env and the states of uploads, whatever the folders above hold.
     */
    @BeforeEach
    void freshWorkingDirectory(TestInfo test) throws IOException {
        work = Files.createDirectories(suite.home.resolve("cli").resolve(test.getTestMethod().orElseThrow().getName()));
        Files.createDirectories(work.resolve(".geoingest"));
        Files.writeString(work.resolve(".geoingest/local.env"),
                "export GEOINGEST_URL='" + proxy.url() + "'\nexport GEOINGEST_UPLOAD_KEY='" + key + "'\n");
        cli = new Cli(work, Map.of("GEOINGEST_URL", proxy.url(), "GEOINGEST_API_KEY", key));
        proxy.forget();
    }

    @Test
    void aSmallFileGoesInOneRequestThenStatusAndDownloadWork() throws Exception {
        // Configured the way a user of deploy/local/run.sh is: through .geoingest/local.env only.
        Cli configuredByFile = new Cli(work, Map.of());
        Path png = Files.write(work.resolve("test.png"), png());

        Cli.Result upload = configuredByFile.runScript("upload", "upload", "test.png", "--source-type", "image");

        assertEquals(0, upload.exitCode(), upload.toString());
        String fileId = UUID.fromString(upload.firstLine()).toString();
        assertTrue(upload.err().contains("status: COMPLETED"), upload.toString());
        assertEquals(1, proxy.requestsTo("/public/file/upload").size());
        assertEquals(List.of(), proxy.requestsTo("/public/file/generateUploadId"));

        Cli.Result status = configuredByFile.run("status", fileId);
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(Pattern.compile("(?m)^status\\s+COMPLETED$").matcher(status.out()).find(), status.out());
        assertTrue(Pattern.compile("(?m)^originalName\\s+test\\.png$").matcher(status.out()).find(), status.out());

        Cli inASubfolder = new Cli(Files.createDirectories(work.resolve("cli")), Map.of());
        Cli.Result fromSubfolder = inASubfolder.runScript("status", "status", fileId);
        assertEquals(0, fromSubfolder.exitCode(), "the local.env of the checkout is found from a folder in it: "
                + fromSubfolder);

        Files.createDirectories(work.resolve("downloads"));
        Cli.Result download = configuredByFile.run("download", fileId, "-o", "downloads");
        assertEquals(0, download.exitCode(), download.toString());
        assertEquals(work.resolve("downloads/test.png").toString(), download.firstLine());
        assertArrayEquals(Files.readAllBytes(png), Files.readAllBytes(work.resolve("downloads/test.png")));

        Cli.Result again = configuredByFile.run("download", fileId, "-o", "downloads");
        assertEquals(2, again.exitCode(), again.toString());
        assertTrue(again.err().contains("exists already; pass --force"), again.toString());

        Cli.Result intoNewFolder = configuredByFile.run("download", fileId, "-o", "new-folder/");
        assertEquals(0, intoNewFolder.exitCode(), intoNewFolder.toString());
        assertArrayEquals(Files.readAllBytes(png), Files.readAllBytes(work.resolve("new-folder/test.png")),
                "a path ending in / names a folder, made when missing, not a file");
    }

    @Test
    void aFileAboveTheDirectLimitGoesInParallelChunksAndCompletes() throws Exception {
        byte[] content = random(12 * MIB, 1);
        Files.write(work.resolve("scene.bin"), content);

        Cli.Result upload = cli.run("upload", "scene.bin", "--source-type", "SAR", "--direct-limit", "1MiB",
                "--chunk-size", "5MiB", "--parallel", "3");

        assertEquals(0, upload.exitCode(), upload.toString());
        assertEquals(1, proxy.requestsTo("/public/file/generateUploadId").size());
        assertEquals(Set.of(1, 2, 3), partNumbers(proxy.requestsTo(GatewayProxy.UPLOAD_CHUNK)));
        assertEquals(3, proxy.requestsTo(GatewayProxy.UPLOAD_CHUNK).size());
        assertEquals(1, proxy.requestsTo("/public/file/completeUpload").size());
        assertEquals(List.of(), proxy.requestsTo("/public/file/upload"));
        assertEquals(List.of(), stateFiles(), "the finished upload's state is removed");
        assertArrayEquals(content, download(upload.firstLine()));
    }

    @Test
    void aFileOverTheServersLimitForOneRequestGoesInChunks() throws Exception {
        byte[] content = random(3 * MIB, 6);
        Files.write(work.resolve("over-the-limit.bin"), content);
        Cli straightToTheGateway = new Cli(work, Map.of("GEOINGEST_URL", gatewayUrl, "GEOINGEST_API_KEY", key));

        Cli.Result upload = straightToTheGateway.run("upload", "over-the-limit.bin", "--chunk-size", "1MiB");

        assertEquals(0, upload.exitCode(), upload.toString());
        assertTrue(upload.err().contains("The server refused over-the-limit.bin (3.0 MiB) in one request as too large"
                + " (HTTP 413); uploading it in chunks instead"), upload.toString());
        assertTrue(upload.err().contains("in 3 parts of 1.0 MiB"), upload.toString());
        assertArrayEquals(content, download(upload.firstLine()));
    }

    @Test
    void aKilledUploadResumesAndSendsOnlyTheMissingParts() throws Exception {
        byte[] content = random(10 * MIB + 123, 2);
        Files.write(work.resolve("cube.nc"), content);
        String[] upload = {"upload", "cube.nc", "--direct-limit", "1MiB", "--chunk-size", "2MiB", "--parallel", "2"};

        proxy.holdChunksAfter(3);
        Process first = cli.start("first", upload);
        await(() -> proxy.chunksAnswered() == 3 && proxy.chunksHeld() > 0 || !first.isAlive(), "three parts sent");
        assertTrue(first.isAlive(), () -> "the first run ended early: " + output("first"));
        // The state keeps the parts the server took at most a second after they end.
        await(() -> partsRecordedInTheState() == 3, "the three parts recorded in the upload's state");
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        proxy.releaseHeld();

        List<Path> states = stateFiles();
        assertEquals(1, states.size(), "the killed upload left its state");
        String uploadId = JSON.readTree(states.get(0).toFile()).path("uploadId").asText();
        JsonNode stored = parts(uploadId);
        assertEquals("in-progress", stored.path("status").asText());
        Set<Integer> storedParts = new TreeSet<>();
        stored.path("parts").forEach(part -> storedParts.add(part.path("partNumber").asInt()));
        assertEquals(3, storedParts.size(), stored.toString());

        proxy.forget();
        Process second = cli.start("second", upload);
        assertTrue(second.waitFor(2, TimeUnit.MINUTES), "the resumed run ends");
        Cli.Result resumed = cli.output("second", second.exitValue());

        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.err().contains("3 of 6 parts are on the server already"), resumed.toString());
        assertEquals(List.of(), proxy.requestsTo("/public/file/generateUploadId"), "no new upload");
        Set<Integer> missing = IntStream.rangeClosed(1, 6).boxed().filter(n -> !storedParts.contains(n))
                .collect(Collectors.toSet());
        assertEquals(missing, partNumbers(proxy.requestsTo(GatewayProxy.UPLOAD_CHUNK)));
        assertEquals(3, proxy.requestsTo(GatewayProxy.UPLOAD_CHUNK).size(), "each missing part sent once");
        assertEquals(List.of(), stateFiles());
        assertArrayEquals(content, download(resumed.firstLine()));
    }

    @Test
    void aBadGatewayIsRetriedAndTheFileArrivesWhole() throws Exception {
        byte[] content = random(12 * MIB, 3);
        Files.write(work.resolve("sar.bin"), content);
        proxy.answerBadGateway(1);

        Cli.Result upload = cli.run("upload", "sar.bin", "--source-type", "SAR", "--direct-limit", "1MiB",
                "--chunk-size", "5MiB", "--parallel", "2");

        assertEquals(0, upload.exitCode(), upload.toString());
        List<GatewayProxy.Request> chunks = proxy.requestsTo(GatewayProxy.UPLOAD_CHUNK);
        assertEquals(4, chunks.size(), "three parts and one retry: " + chunks);
        assertEquals(Set.of(1, 2, 3), partNumbers(chunks));
        assertArrayEquals(content, download(upload.firstLine()));
    }

    /** The completion is done on the server, its answer lost; the retry finds the upload completed. */
    @Test
    void aCompletionWhoseAnswerIsLostReportsTheFileItMadeAndMakesNoOther() throws Exception {
        byte[] content = random(3 * MIB, 5);
        Files.write(work.resolve("lost-answer.bin"), content);
        proxy.loseAnswers(1, request -> request.path().equals("/public/file/completeUpload"));

        Cli.Result upload = cli.run("upload", "lost-answer.bin", "--direct-limit", "1MiB", "--chunk-size", "1MiB");

        assertEquals(0, upload.exitCode(), upload.toString());
        assertEquals(2, proxy.requestsTo("/public/file/completeUpload").size(), "sent again after the lost answer");
        assertArrayEquals(content, download(upload.firstLine()));
        UploadStateStore store = stateStore();
        assertEquals(Optional.empty(), store.find(LocalFile.of(work.resolve("lost-answer.bin")), proxy.url()),
                "nothing left to resume");
    }

    @Test
    void anUploadTheServerNoLongerKnowsStartsAnew() throws Exception {
        byte[] content = random(3 * MIB, 4);
        Path file = Files.write(work.resolve("forgotten.bin"), content);
        LocalFile local = LocalFile.of(file);
        UploadStateStore store = stateStore();
        store.save(new UploadState(local.path().toString(), local.size(), local.modifiedMillis(), MIB, proxy.url(),
                UUID.randomUUID().toString(), "uploads/unknown/forgotten.bin", "2025-01-01T00:00:00Z", Map.of()));

        Cli.Result upload = cli.run("upload", "forgotten.bin", "--direct-limit", "1MiB", "--chunk-size", "1MiB");

        assertEquals(0, upload.exitCode(), upload.toString());
        assertTrue(upload.err().contains("The server no longer knows the earlier upload"), upload.toString());
        assertEquals(1, proxy.requestsTo("/public/file/generateUploadId").size());
        assertEquals(3, proxy.requestsTo(GatewayProxy.UPLOAD_CHUNK).size());
        assertArrayEquals(content, download(upload.firstLine()));
    }

    @Test
    void clientErrorsAreOneLineAndNotRetried() {
        String unknown = UUID.randomUUID().toString();

        Cli.Result notFound = cli.run("status", unknown);
        assertEquals(1, notFound.exitCode(), notFound.toString());
        assertEquals("geoingest: status of " + unknown + ": File not found (HTTP 404)", notFound.err().strip());
        assertEquals(1, proxy.requests().size(), "a 404 is final");

        Cli.Result unauthorized = cli.run("status", unknown, "--api-key", "not-a-key");
        assertEquals(1, unauthorized.exitCode(), unauthorized.toString());
        assertEquals("geoingest: status of " + unknown + ": Unauthorized Request (HTTP 401)", unauthorized.err().strip());
    }

    private byte[] download(String fileId) throws IOException {
        Path target = work.resolve("downloaded-" + fileId);
        Cli.Result download = cli.run("download", UUID.fromString(fileId).toString(), "-o", target.toString());
        assertEquals(0, download.exitCode(), download.toString());
        return Files.readAllBytes(target);
    }

    private static JsonNode parts(String uploadId) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(gatewayUrl + "/public/file/upload/" + uploadId + "/parts"))
                        .header("X-API-KEY", key).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private List<Path> stateFiles() throws IOException {
        Path directory = work.resolve(".geoingest/cli-uploads");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (var files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".json")).toList();
        }
    }

    /** How many parts the saved state of the one upload under way records as taken, 0 before it is saved. */
    private int partsRecordedInTheState() {
        try {
            List<Path> states = stateFiles();
            return states.size() == 1 ? JSON.readTree(states.get(0).toFile()).path("sentParts").size() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String output(String name) {
        try {
            return Files.readString(work.resolve(name + ".out")) + Files.readString(work.resolve(name + ".err"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Set<Integer> partNumbers(List<GatewayProxy.Request> chunks) {
        return chunks.stream().map(GatewayProxy.Request::partNumber).collect(Collectors.toSet());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertFalse(System.nanoTime() > deadline, "timed out waiting for: " + what);
            Thread.sleep(20);
        }
    }

    /** Where the client run in {@link #work} keeps its unfinished uploads to the suite. */
    private UploadStateStore stateStore() {
        Environment environment = Environment.of(Map.of(), work, System.out, System.err, false);
        return UploadStateStore.in(environment, Connection.resolve(Optional.empty(), Optional.empty(), environment, KeyUse.REQUIRED), JSON);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 48; y++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 128);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
