package io.geoingest.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import io.geoingest.testing.RawHttp;
import io.geoingest.testing.suite.RunningSuite;
import io.geoingest.testing.suite.SharedRunningSuite;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gIQ file API end to end: the three services as separate processes from their packaged jars,
 * one set of infrastructure, and the spec's own curl commands sent to the gateway.
 */
@Tag("slow")
@ExtendWith(SharedRunningSuite.class)
class FileApiEndToEndIT {
    private static final int MIB = 1024 * 1024;
    private static RunningSuite suite;
    private static String url;
    private static String key;
    private static Path work;

    @BeforeAll
    static void shareSuite(RunningSuite shared) throws Exception {
        suite = shared;
        url = suite.localEnv().getProperty("GEOINGEST_URL");
        key = suite.localEnv().getProperty("GEOINGEST_UPLOAD_KEY");
        work = Files.createDirectories(suite.home.resolve("e2e"));
    }

    @Test
    void directUploadThenStatusThenDownload() throws Exception {
        Path png = work.resolve("test.png");
        Files.write(png, png());

        JsonPath uploaded = json(curl("--location", url + "/public/file/upload?sourceType=IMAGE",
                "--header", "X-API-KEY: " + key, "--form", "file=@\"" + png + "\""));
        String fileId = uploaded.getString("fileId");
        assertEquals("test.png", uploaded.getString("originalName"));
        assertEquals(Files.size(png), uploaded.getLong("size"));

        JsonPath status = awaitTerminal(fileId);
        assertEquals("COMPLETED", status.getString("status"));
        assertEquals("image/png", status.getString("contentType"));

        String downloadUrl = curl("--location", url + "/public/file/download/url?fileId=" + fileId
                + "&useDefaultContentType=true", "--header", "X-API-KEY: " + key).trim();
        Path downloaded = work.resolve("downloaded.png");
        curl("--fail", "--output", downloaded.toString(), downloadUrl);
        assertArrayEquals(Files.readAllBytes(png), Files.readAllBytes(downloaded));
    }

    @Test
    void aDirectUploadOverTheLimitGetsTheApis413ThroughTheGateway() throws Exception {
        Path oversize = work.resolve("oversize.bin");
        try (RandomAccessFile file = new RandomAccessFile(oversize.toFile(), "rw")) {
            file.setLength(101L * MIB);
        }

        String[] answer = curl("--write-out", "\n%{http_code}", url + "/public/file/upload",
                "--header", "X-API-KEY: " + key, "--form", "file=@\"" + oversize + "\"").split("\n");
        assertEquals("413", answer[answer.length - 1]);
        assertTrue(JsonPath.from(answer[0]).getString("error").startsWith("The file is too large"), answer[0]);
    }

    /**
     * Straight to the services, as an Ingress passes it on: Quarkus answered an empty 400 before
     * any code of ours ran, and only the gateway said why. The packaged services start through
     * ServiceMain, which the @QuarkusTests do not.
     */
    @Test
    void theServicesThemselvesAnswerAMalformedPercentEscapeWithTheApisError() throws Exception {
        for (String service : List.of("UPLOAD", "STATUS")) {
            String answer = RawHttp.get(suite.port(service), "/public/file/status/%zz", "Host: localhost\r\n");

            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
            assertTrue(JsonPath.from(RawHttp.body(answer)).getString("error")
                    .startsWith("Bad Request: the request's path or query is not valid: "), answer);
        }
    }

    @Test
    void chunkedUploadWithLargeAndSmallChunksOutOfOrder() throws Exception {
        // Random bytes under a neutral name: a .tif name would promise a TIFF the worker cannot read.
        byte[] content = random(6 * MIB + 1 * MIB + 5 * MIB + 300_000);
        int[] chunkSizes = {6 * MIB, 1 * MIB, 5 * MIB, 300_000};

        JsonPath generated = json(curl("--location", "--request", "POST",
                url + "/public/file/generateUploadId?fileName=scene.bin", "--header", "X-API-KEY: " + key));
        String uploadId = generated.getString("uploadId");
        String objectKey = generated.getString("key");

        List<Integer> order = List.of(3, 1, 4, 2);
        for (int partNumber : order) {
            int offset = Arrays.stream(chunkSizes, 0, partNumber - 1).sum();
            Path chunk = work.resolve(uploadId + "." + partNumber);
            Files.write(chunk, Arrays.copyOfRange(content, offset, offset + chunkSizes[partNumber - 1]));
            JsonPath response = json(curl("--location", url + "/public/file/uploadChunk",
                    "--header", "X-API-KEY: " + key, "--form", "file=@\"" + chunk + "\"",
                    "--form", "uploadId=" + uploadId, "--form", "partNumber=" + partNumber, "--form", "key=" + objectKey));
            assertEquals("Chunk uploaded successfully", response.getString("message"));
        }

        String completion = given().baseUri(url).header("X-API-KEY", key).contentType("application/json")
                .body(Map.of("uploadId", uploadId, "key", objectKey, "fileSize", content.length, "sourceType", "SAR",
                        "acquisitionDate", "2024-09-17T10:30:00Z"))
                .post("/public/file/completeUpload")
                .then().statusCode(200).body("originalName", equalTo("scene.bin"))
                .body("size", equalTo(content.length)).extract().asString();
        String fileId = JsonPath.from(completion).getString("fileId");

        assertEquals("COMPLETED", awaitTerminal(fileId).getString("status"));
        String downloadUrl = curl("--location", url + "/public/file/download/url?fileId=" + fileId,
                "--header", "X-API-KEY: " + key).trim();
        Path downloaded = work.resolve("downloaded.bin");
        curl("--fail", "--output", downloaded.toString(), downloadUrl);
        assertArrayEquals(content, Files.readAllBytes(downloaded));
    }

    @Test
    void aFileWhoseDeclaredSizeIsWrongEndsFailed() throws Exception {
        Path file = work.resolve("truncated.bin");
        Files.write(file, random(4096));
        String fileId = json(curl("--location", url + "/public/file/upload?sourceType=UNKNOWN&fileSize=8192",
                "--header", "X-API-KEY: " + key, "--form", "file=@\"" + file + "\"")).getString("fileId");

        JsonPath status = awaitTerminal(fileId);
        assertEquals("FAILED", status.getString("status"));
        assertTrue(status.getString("error").contains("size mismatch"), status.prettify());
    }

    @Test
    void anotherUsersFileIsNotFound() throws Exception {
        Path file = work.resolve("private.bin");
        Files.write(file, random(1024));
        String fileId = json(curl("--location", url + "/public/file/upload",
                "--header", "X-API-KEY: " + key, "--form", "file=@\"" + file + "\"")).getString("fileId");
        String stranger = given().baseUri(url).header("X-API-KEY", suite.localEnv().getProperty("GEOINGEST_ADMIN_KEY"))
                .contentType("application/json").body(Map.of("owner", "stranger", "permissions", List.of("files_upload")))
                .post("/public/auth/api-keys").then().statusCode(201).extract().path("key");

        given().baseUri(url).header("X-API-KEY", stranger).get("/public/file/status/" + fileId)
                .then().statusCode(404).body("error", equalTo("File not found"));
    }

    private static JsonPath awaitTerminal(String fileId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath status = JsonPath.from(curl("--location", url + "/public/file/status/" + fileId,
                    "--header", "X-API-KEY: " + key));
            String value = status.getString("status");
            if (value.equals("COMPLETED") || value.equals("FAILED")) {
                return status;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("file " + fileId + " did not reach a terminal status within 60 s");
    }

    /** Runs curl as the spec's examples do; fails on a transport error. */
    private static String curl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] output = process.getInputStream().readAllBytes();
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), "curl " + String.join(" ", arguments) + ": " + errors);
        return new String(output, StandardCharsets.UTF_8);
    }

    /** A success body: a FAILED file's status carries an {@code error}, so status polling reads JSON directly. */
    private static JsonPath json(String text) {
        JsonPath json = JsonPath.from(text);
        assertTrue(json.get("error") == null, text);
        return json;
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 64; x++) {
            image.setRGB(x, x % 32, 0x3366cc);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
