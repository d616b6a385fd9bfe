package io.geoingest.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code stac-upload} and {@code search} against the whole suite, through the proxy in front of
 * the gateway. Each test makes a collection of its own with the STAC transaction API.
 */
@Tag("slow")
@ExtendWith(SharedSuite.Extension.class)
class CliStacEndToEndIT {
    private static final int MIB = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    private static final Predicate<GatewayProxy.Request> PART_2_PUT =
            request -> request.method().equals("PUT") && request.partNumber() == 2;

    private static SharedSuite shared;

    private Path work;
    private Cli cli;
    private String collection;

    @BeforeAll
    static void shareSuite(SharedSuite suite) {
        shared = suite;
    }

    @BeforeEach
    void freshWorkingDirectoryAndCollection(TestInfo test) throws Exception {
        String name = test.getTestMethod().orElseThrow().getName();
        work = Files.createDirectories(shared.suite.home.resolve("cli-stac").resolve(name));
        cli = new Cli(work, Map.of("GEOINGEST_URL", shared.proxy.url(), "GEOINGEST_API_KEY", shared.uploadKey));
        collection = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        put("/collections/" + collection, Map.of("id", collection, "description", "cli end to end", "license", "proprietary"));
        shared.proxy.forget();
    }

    @Test
    void aMultiPartFileArrivesWholeWithItsChecksum() throws Exception {
        String asset = asset("scene-1", "data", 7, 46);
        byte[] content = random(12 * MIB, 21);
        Files.write(work.resolve("scene.tif"), content);

        Cli.Result upload = cli.run("stac-upload", "scene.tif", "--collection", collection, "--item", "scene-1",
                "--asset", "data", "--part-size", "5MiB", "--parallel", "3");

        assertEquals(0, upload.exitCode(), upload.toString());
        assertTrue(upload.err().contains("in 3 parts of 5.0 MiB, 3 at a time"), upload.toString());
        assertTrue(upload.err().contains("status: COMPLETED"), upload.toString());
        JsonNode created = onlyUpload(asset, upload.firstLine());
        assertEquals("completed", created.path("status").asText());
        assertEquals(3, created.path("number_parts").asInt());
        assertEquals(1, posts(asset + "/uploads").size(), "one upload created");
        JsonNode document = get(asset);
        assertEquals(multihash(content), document.path("file:checksum").asText());
        assertArrayEquals(content, download(document.path("href").asText()));
    }

    @Test
    void withGzipTheCompressedBytesAreStoredWithTheirChecksum() throws Exception {
        String asset = asset("table-1", "data", 7, 46);
        byte[] content = "station;time;value\n".concat("BER;2024-05-01T10:30:00Z;12.5\n".repeat(400_000))
                .getBytes(StandardCharsets.UTF_8);
        Files.write(work.resolve("table.csv"), content);

        Cli.Result upload = cli.run("stac-upload", "table.csv", "--collection", collection, "--item", "table-1",
                "--asset", "data", "--gzip", "--part-size", "5MiB");

        assertEquals(0, upload.exitCode(), upload.toString());
        assertEquals("gzip", onlyUpload(asset, upload.firstLine()).path("content_encoding").asText());
        JsonNode document = get(asset);
        byte[] stored = download(document.path("href").asText());
        assertTrue(stored.length < content.length / 10, "compressed: " + stored.length + " bytes");
        assertEquals(multihash(stored), document.path("file:checksum").asText());
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
            assertArrayEquals(content, in.readAllBytes());
        }
        assertFalse(Files.list(work).anyMatch(file -> file.getFileName().toString().endsWith(".gz")));
    }

    @Test
    void badGatewaysOnTheApiCallsAreRetried() throws Exception {
        String asset = asset("scene-2", "data", 7, 46);
        byte[] content = random(6 * MIB, 22);
        Files.write(work.resolve("scene.tif"), content);
        String uploads = asset + "/uploads";
        shared.proxy.answerBadGateway(2, request -> request.method().equals("POST")
                && (request.path().equals(uploads) || request.path().endsWith("/complete")));

        Cli.Result upload = cli.run("stac-upload", "scene.tif", "--collection", collection, "--item", "scene-2",
                "--asset", "data", "--part-size", "5MiB", "--no-wait");

        assertEquals(0, upload.exitCode(), upload.toString());
        assertEquals(3, posts(uploads).size(), "the create was sent again after each 502");
        assertEquals(1, shared.proxy.requests().stream().filter(request -> request.path().endsWith("/complete")).count(),
                "both 502s went to the create: " + shared.proxy.requests());
        assertEquals("completed", onlyUpload(asset, upload.firstLine()).path("status").asText());
    }

    @Test
    void aPartPutAnswered502ByStorageIsSentAgain() throws Exception {
        shared.storageProxy.forget();
        shared.storageProxy.answerBadGateway(1, PART_2_PUT);

        uploadWithPart2SentTwice("scene-6", 26);
    }

    @Test
    void aPartRefusedForAnExpiredUrlIsSentOnAUrlSignedAgain() throws Exception {
        shared.proxy.forget();
        shared.storageProxy.forget();
        shared.storageProxy.answerExpired(1, PART_2_PUT);

        String asset = uploadWithPart2SentTwice("scene-7", 27);

        assertEquals(1, shared.proxy.requests().stream()
                        .filter(request -> request.method().equals("GET") && request.path().startsWith(asset + "/uploads/"))
                        .count(),
                "the upload read once for new part URLs: " + shared.proxy.requests());
    }

    /**
     * Uploads 11 MiB to the item's asset {@code data} in three parts of 5 MiB, two at a time, while
     * storage refuses part 2 once; checks that part 2 went twice and that the asset holds the bytes.
     */
    private String uploadWithPart2SentTwice(String item, long seed) throws Exception {
        String asset = asset(item, "data", 7, 46);
        byte[] content = random(11 * MIB, seed);
        Files.write(work.resolve("scene.tif"), content);

        Cli.Result upload = cli.run("stac-upload", "scene.tif", "--collection", collection, "--item", item,
                "--asset", "data", "--part-size", "5MiB", "--parallel", "2");

        assertEquals(0, upload.exitCode(), upload.toString());
        List<Integer> puts = shared.storageProxy.requests().stream().filter(request -> request.method().equals("PUT"))
                .map(GatewayProxy.Request::partNumber).sorted().toList();
        assertEquals(List.of(1, 2, 2, 3), puts, "part 2 sent again after storage refused it");
        JsonNode document = get(asset);
        assertEquals(multihash(content), document.path("file:checksum").asText());
        assertArrayEquals(content, download(document.path("href").asText()));
        return asset;
    }

    @Test
    void aCompletionAnswered502IsSentAgain() throws Exception {
        String asset = asset("scene-3", "data", 7, 46);
        Files.write(work.resolve("scene.tif"), random(MIB, 23));
        shared.proxy.answerBadGateway(1, request -> request.method().equals("POST") && request.path().endsWith("/complete"));

        Cli.Result upload = cli.run("stac-upload", "scene.tif", "--collection", collection, "--item", "scene-3",
                "--asset", "data", "--no-wait");

        assertEquals(0, upload.exitCode(), upload.toString());
        assertEquals(2, shared.proxy.requests().stream().filter(request -> request.path().endsWith("/complete")).count());
        assertEquals("completed", onlyUpload(asset, upload.firstLine()).path("status").asText());
    }

    @Test
    void anUploadLeftInProgressIsAbortedAndTheUploadStartedAgain() throws Exception {
        String asset = asset("scene-4", "data", 7, 46);
        byte[] content = random(2 * MIB, 24);
        Files.write(work.resolve("scene.tif"), content);
        byte[] other = "an upload another run left behind".getBytes(StandardCharsets.UTF_8);
        String abandoned = post(asset + "/uploads", Map.of("number_parts", 1,
                "md5_parts", List.of(Map.of("part_number", 1,
                        "md5", Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(other)))),
                "file:checksum", multihash(other))).path("upload_id").asText();

        Cli.Result upload = cli.run("stac-upload", "scene.tif", "--collection", collection, "--item", "scene-4",
                "--asset", "data");

        assertEquals(0, upload.exitCode(), upload.toString());
        assertTrue(upload.err().contains("Aborting upload " + abandoned), upload.toString());
        assertEquals("aborted", get(asset + "/uploads/" + abandoned).path("status").asText());
        assertEquals("completed", onlyUpload(asset, upload.firstLine()).path("status").asText());
        assertArrayEquals(content, download(get(asset).path("href").asText()));
    }

    @Test
    void aMissingAssetIsOneLineAndNothingIsCreated() throws Exception {
        asset("scene-5", "data", 7, 46);
        Files.write(work.resolve("scene.tif"), random(MIB, 25));

        Cli.Result upload = cli.run("stac-upload", "scene.tif", "--collection", collection, "--item", "scene-5",
                "--asset", "missing");

        assertEquals(1, upload.exitCode(), upload.toString());
        assertEquals(1, upload.err().lines().count(), upload.toString());
        assertTrue(upload.err().startsWith("geoingest: asset " + collection + "/scene-5/missing does not exist"),
                upload.toString());
        assertEquals(List.of(), posts("/api/stac/v1/collections/" + collection + "/items/scene-5/assets/missing/uploads"));

        // the asset's PUT that the hint named was refused as well, while the item was missing
        Cli.Result noItem = cli.run("stac-upload", "scene.tif", "--collection", collection, "--item", "no-such-scene",
                "--asset", "data");
        assertEquals(1, noItem.exitCode(), noItem.toString());
        assertTrue(noItem.err().startsWith("geoingest: item " + collection + "/no-such-scene does not exist; create it, then"
                + " its asset, first: PUT "), noItem.toString());
        assertTrue(noItem.err().strip().endsWith("/api/stac/v1/collections/" + collection + "/items/no-such-scene"),
                noItem.toString());
    }

    @Test
    void searchByBboxFindsTheItemsInsideAndNotTheOthers() throws Exception {
        item("bern", 7.4, 46.9, "2024-05-01T10:30:00Z");
        item("zurich", 8.5, 47.3, "2024-06-01T10:30:00Z");
        item("lima", -77.0, -12.0, "2024-05-01T10:30:00Z");

        Cli.Result inSwitzerland = cli.run("search", "--bbox", "5.9,45.8,10.5,47.8", "--collections", collection);
        assertEquals(0, inSwitzerland.exitCode(), inSwitzerland.toString());
        assertEquals(List.of(collection + "\tbern\t2024-05-01T10:30:00Z\t7.3,46.8,7.5,47.0",
                collection + "\tzurich\t2024-06-01T10:30:00Z\t8.4,47.2,8.6,47.4"), inSwitzerland.out().lines().sorted().toList());

        Cli.Result inMay = cli.run("search", "--bbox", "5.9,45.8,10.5,47.8", "--collections", collection,
                "--datetime", "2024-05-01T00:00:00Z/2024-05-31T23:59:59Z", "--json");
        assertEquals(0, inMay.exitCode(), inMay.toString());
        List<String> lines = inMay.out().lines().toList();
        assertEquals(1, lines.size(), inMay.toString());
        assertEquals("bern", JSON.readTree(lines.get(0)).path("id").asText());

        Cli.Result nowhere = cli.run("search", "--bbox", "100,10,101,11", "--collections", collection);
        assertEquals(0, nowhere.exitCode(), nowhere.toString());
        assertEquals("", nowhere.out());

        Cli.Result newestFirst = cli.run("search", "--collections", collection, "--sortby=-datetime", "--page-size", "1");
        assertEquals(0, newestFirst.exitCode(), newestFirst.toString());
        assertEquals(List.of("zurich", "lima", "bern"),
                newestFirst.out().lines().map(line -> line.split("\t")[1]).toList(), "ties by id, newest first");

        Cli.Result filtered = cli.run("search", "--collections", collection, "--filter",
                "datetime >= TIMESTAMP('2024-06-01T00:00:00Z') OR id = 'lima'");
        assertEquals(0, filtered.exitCode(), filtered.toString());
        assertEquals(List.of("lima", "zurich"), filtered.out().lines().map(line -> line.split("\t")[1]).toList());
        Cli.Result badFilter = cli.run("search", "--collections", collection, "--filter", "datetime >");
        assertEquals(1, badFilter.exitCode(), badFilter.toString());
        assertTrue(badFilter.err().contains("filter: expected an operand"), badFilter.toString());
    }

    /** The catalog is open to anyone, and the CLI refused to search it without an API key. */
    @Test
    void searchNeedsNoApiKey(@TempDir Path elsewhere) throws Exception {
        item("bern", 7.4, 46.9, "2024-05-01T10:30:00Z");
        Cli anonymous = new Cli(elsewhere, Map.of("GEOINGEST_URL", shared.proxy.url()));

        Cli.Result found = anonymous.run("search", "--collections", collection);

        assertEquals(0, found.exitCode(), found.toString());
        assertEquals(List.of(collection + "\tbern\t2024-05-01T10:30:00Z\t7.3,46.8,7.5,47.0"), found.out().lines().toList());
        assertTrue(shared.proxy.requests().stream().filter(request -> request.path().equals("/api/stac/v1/search"))
                .noneMatch(GatewayProxy.Request::withApiKey), shared.proxy.requests().toString());
        Cli.Result status = anonymous.run("status", UUID.randomUUID().toString());
        assertEquals(2, status.exitCode(), status.toString());
        assertTrue(status.err().contains("no API key"), status.toString());
    }

    @Test
    void searchFollowsTheNextLinksToTheEndOrTheLimit() throws Exception {
        for (int i = 0; i < 105; i++) {
            item(String.format("tile-%03d", i), 7 + i * 0.001, 46, "2024-05-01T10:30:00Z");
        }

        shared.proxy.forget();
        Cli.Result all = cli.run("search", "--collections", collection, "--page-size", "10");
        assertEquals(0, all.exitCode(), all.toString());
        assertEquals(105, all.out().lines().distinct().count(), all.toString());
        assertEquals(11, searches(), "pages of 10 to the end");

        shared.proxy.forget();
        Cli.Result some = cli.run("search", "--collections", collection, "--limit", "12", "--page-size", "5");
        assertEquals(0, some.exitCode(), some.toString());
        assertEquals(12, some.out().lines().count(), some.toString());
        assertEquals(3, searches(), "no page beyond the limit");
    }

    private long searches() {
        return shared.proxy.requests().stream().filter(request -> request.path().equals("/api/stac/v1/search")).count();
    }

    private String asset(String item, String asset, double lon, double lat) throws Exception {
        item(item, lon, lat, "2024-05-01T10:30:00Z");
        String path = "/api/stac/v1/collections/" + collection + "/items/" + item + "/assets/" + asset;
        put(path.substring("/api/stac/v1".length()), Map.of("type", "application/octet-stream", "roles", List.of("data")));
        return path;
    }

    /** An item covering a 0.2-degree box around {@code lon, lat}. */
    private void item(String id, double lon, double lat, String datetime) throws Exception {
        double w = Math.round((lon - 0.1) * 1000) / 1000.0;
        double e = Math.round((lon + 0.1) * 1000) / 1000.0;
        double s = Math.round((lat - 0.1) * 1000) / 1000.0;
        double n = Math.round((lat + 0.1) * 1000) / 1000.0;
        put("/collections/" + collection + "/items/" + id, Map.of("type", "Feature", "id", id,
                "geometry", Map.of("type", "Polygon", "coordinates", List.of(List.of(
                        List.of(w, s), List.of(e, s), List.of(e, n), List.of(w, n), List.of(w, s)))),
                "properties", Map.of("datetime", datetime)));
    }

    private JsonNode onlyUpload(String asset, String uploadId) throws Exception {
        assertEquals(36, uploadId.length(), "the first line is the upload id: " + uploadId);
        return get(asset + "/uploads/" + uploadId);
    }

    private List<GatewayProxy.Request> posts(String path) {
        return shared.proxy.requests().stream()
                .filter(request -> request.method().equals("POST") && request.path().equals(path)).toList();
    }

    /**
     * A catalog write, sent to the status-service that owns the catalog rather than through the
     * gateway: what the client under test does not do, set up independently of the gateway's routes.
     */
    private static void put(String stacPath, Object body) throws Exception {
        URI catalog = URI.create("http://127.0.0.1:" + shared.suite.port("STATUS") + "/api/stac/v1" + stacPath);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(catalog).header("X-API-KEY", shared.uploadKey)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() == 200 || response.statusCode() == 201, stacPath + ": " + response.body());
    }

    private static JsonNode post(String path, Object body) throws Exception {
        HttpResponse<String> response = HTTP.send(api(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(api(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    /** The asset's file through its href, which redirects to storage. */
    private static byte[] download(String href) throws IOException, InterruptedException {
        assertTrue(href.startsWith(shared.gatewayUrl + "/"), () -> href + " leads back through the gateway,"
                + " for HTTP/2 clients as well (Java's HttpClient upgrades to h2c)");
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(href))
                .header("X-API-KEY", shared.uploadKey).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), href + ": " + new String(response.body(), StandardCharsets.UTF_8));
        return response.body();
    }

    private static HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create(shared.gatewayUrl + path)).header("X-API-KEY", shared.uploadKey);
    }

    private static String multihash(byte[] bytes) throws Exception {
        return "1220" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
