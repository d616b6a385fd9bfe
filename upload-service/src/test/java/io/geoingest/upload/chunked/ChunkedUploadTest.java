package io.geoingest.upload.chunked;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.storage.ObjectKeys;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.upload.FileRows;
import io.geoingest.upload.FileUploadedEvents;
import io.geoingest.upload.StoredObjects;
import io.geoingest.upload.TestData;
import io.geoingest.upload.UploadConfig;
import io.geoingest.upload.files.SpoolDirectory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChunkedUploadTest {
    private static final int MIB = TestData.MIB;

    @Inject
    UploadConfig config;

    @Inject
    SpoolDirectory spoolDirectory;

    private final String owner = "chunked-" + UUID.randomUUID();
    private final ChunkedClient client = new ChunkedClient(TestApiKeys.uploader(owner));

    @Test
    void mixedChunksSentOutOfOrderAndInParallelMakeTheExactFile() throws Exception {
        // direct, small, direct that lends the small one the bytes it lacks, small last
        ChunkedFile file = ChunkedFile.ofSizes(5 * MIB + 100, 1000, 10 * MIB, 500);
        ChunkedClient.Started upload = client.start("scene.tif");

        List<Integer> order = new ArrayList<>();
        for (int part = 1; part <= file.partCount(); part++) {
            order.add(part);
        }
        Collections.shuffle(order);
        ExecutorService senders = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int part : order) {
                sent.add(senders.submit(() -> client.sendChunk(upload, part, file.part(part))
                        .statusCode(200)
                        .body("message", equalTo("Chunk uploaded successfully"))
                        .body("partNumber", equalTo(part))
                        .body("size", equalTo(file.part(part).length))));
            }
            for (Future<?> chunk : sent) {
                chunk.get();
            }
        } finally {
            senders.shutdownNow();
        }

        ExtractableResponse<Response> completed = client.complete(upload, file.size())
                .statusCode(200)
                .body("originalName", equalTo("scene.tif"))
                .body("size", equalTo((int) file.size()))
                .extract();

        UUID fileId = UUID.fromString(completed.path("fileId"));
        Instant.parse(completed.path("createdAt"));
        assertEquals(TestData.sha256(file.bytes()), TestData.sha256(StoredObjects.read(upload.key())));
        Map<String, Object> row = FileRows.file(fileId).orElseThrow();
        assertEquals("QUEUED", row.get("status"));
        assertEquals(upload.key(), row.get("object_key"));
        assertEquals(file.size(), row.get("size"));
        assertEquals(owner, row.get("owner"));
        Map<String, Object> uploadRow = FileRows.upload(upload.uploadId()).orElseThrow();
        assertEquals("completed", uploadRow.get("status"));
        assertEquals(fileId, uploadRow.get("file_id"));
        assertNothingLeftBesidesTheFile(upload);
        JsonNode event = FileUploadedEvents.await(fileId, Duration.ofSeconds(30)).value();
        assertEquals(upload.key(), event.path("key").asText());
        assertEquals(file.size(), event.path("size").asLong());
        assertEquals("IMAGE", event.path("sourceType").asText());
    }

    @Test
    void aDirectChunkWithASmallLastOneMakesTheExactFile() {
        assertAssembled(ChunkedFile.ofSizes(5 * MIB + 1, 100));
    }

    @Test
    void onlySmallChunksMakeTheExactFile() {
        assertAssembled(ChunkedFile.ofSizes(1000, 2000, 10));
    }

    @Test
    void aSingleSmallChunkMakesTheExactFile() {
        assertAssembled(ChunkedFile.ofSizes(12_345));
    }

    @Test
    void aPartSentAgainReplacesTheOldOne() {
        ChunkedFile file = ChunkedFile.ofSizes(2000, 5 * MIB + 10, 300);
        ChunkedClient.Started upload = client.start("resent.bin");
        client.sendChunk(upload, 1, TestData.bytes(1500)).statusCode(200);
        client.sendChunk(upload, 2, TestData.bytes(700)).statusCode(200);
        assertEquals(2, StoredObjects.keysUnder(ObjectKeys.stagingPrefix(upload.uploadId())).size(), "parts 1 and 2 staged");
        // a direct part first, then a small one: the multipart upload keeps the old part, which must not count
        client.sendChunk(upload, 3, TestData.bytes(5 * MIB + 1)).statusCode(200);

        client.sendChunk(upload, 1, file.part(1)).statusCode(200);
        client.sendChunk(upload, 2, file.part(2)).statusCode(200);
        client.sendChunk(upload, 3, file.part(3)).statusCode(200);

        assertEquals(2, StoredObjects.keysUnder(ObjectKeys.stagingPrefix(upload.uploadId())).size(),
                "one staged copy each of parts 1 and 3: part 1 sent again replaced its copy, part 2, now direct, left none");
        client.parts(upload.uploadId()).statusCode(200)
                .body("parts.size", contains(2000, 5 * MIB + 10, 300))
                .body("$", not(hasKey("fileId")));
        String fileId = client.complete(upload, file.size()).statusCode(200).extract().path("fileId");
        client.parts(upload.uploadId()).body("status", equalTo("completed")).body("fileId", equalTo(fileId));
        assertEquals(TestData.sha256(file.bytes()), TestData.sha256(StoredObjects.read(upload.key())));
    }

    @Test
    void receivedPartsAreListedForResuming() {
        ChunkedClient.Started upload = client.start("resume.bin");
        client.sendChunk(upload, 3, TestData.bytes(30)).statusCode(200);
        client.sendChunk(upload, 1, TestData.bytes(10)).statusCode(200);

        client.parts(upload.uploadId()).statusCode(200)
                .body("uploadId", equalTo(upload.uploadId()))
                .body("key", equalTo(upload.key()))
                .body("status", equalTo("in-progress"))
                .body("parts.partNumber", contains(1, 3))
                .body("parts.size", contains(10, 30));
    }

    @Test
    void abortRemovesEverythingTheUploadStored() {
        ChunkedClient.Started upload = client.start("aborted.bin");
        client.sendChunk(upload, 1, TestData.bytes(5 * MIB)).statusCode(200);
        client.sendChunk(upload, 2, TestData.bytes(100)).statusCode(200);
        assertFalse(StoredObjects.multipartUploadsUnder(uploadPrefix(upload)).isEmpty());
        assertFalse(StoredObjects.keysUnder(ObjectKeys.stagingPrefix(upload.uploadId())).isEmpty());

        client.abort(upload.uploadId()).statusCode(204);

        assertEquals(List.of(), StoredObjects.keysUnder(uploadPrefix(upload)));
        assertEquals(List.of(), StoredObjects.keysUnder(ObjectKeys.stagingPrefix(upload.uploadId())));
        assertEquals(List.of(), StoredObjects.multipartUploadsUnder(uploadPrefix(upload)));
        assertEquals("aborted", FileRows.upload(upload.uploadId()).orElseThrow().get("status"));
        client.parts(upload.uploadId()).statusCode(200).body("status", equalTo("aborted")).body("parts", empty());
        client.sendChunk(upload, 3, TestData.bytes(10)).statusCode(409).body("error", equalTo("Upload is not in progress"));
        assertEquals(List.of(), StoredObjects.keysUnder(ObjectKeys.stagingPrefix(upload.uploadId())));
        client.complete(upload, 5 * MIB + 100).statusCode(409).body("error", equalTo("Upload is not in progress"));
        client.abort(upload.uploadId()).statusCode(204);
    }

    @Test
    void optionalDetailsAreStoredWithTheFile() throws Exception {
        ChunkedClient.Started upload = client.start("area.geojson");
        client.sendChunk(upload, 1, TestData.bytes(64)).statusCode(200);

        String geometry = "{\"type\": \"Point\", \"coordinates\": [55.27, 25.2]}";
        UUID fileId = UUID.fromString(client.complete(upload, 64, Map.of(
                        "sourceType", "polygon",
                        "geometry", geometry,
                        "acquisitionDate", "2024-09-17",
                        "layerProperties", Map.of("opacity", 0.5),
                        "vectorMappingProperties", Map.of("name", "label")))
                .statusCode(200).extract().path("fileId"));

        Map<String, Object> row = FileRows.file(fileId).orElseThrow();
        ObjectMapper json = new ObjectMapper();
        assertEquals("POLYGON", row.get("source_type"));
        assertEquals(json.readTree(geometry), json.readTree(row.get("geometry").toString()));
        assertEquals(Instant.parse("2024-09-17T00:00:00Z"), ((java.sql.Timestamp) row.get("acquisition_date")).toInstant());
        assertEquals(0.5, json.readTree(row.get("layer_properties").toString()).path("opacity").asDouble());
        assertEquals("label", json.readTree(row.get("vector_mapping_properties").toString()).path("name").asText());
    }

    /** The spec types geometry as a String: well-known text is stored as the GeoJSON it describes. */
    @Test
    void aGeometryInWellKnownTextIsStoredAsGeoJson() throws Exception {
        ChunkedClient.Started upload = client.start("area.tif");
        client.sendChunk(upload, 1, TestData.bytes(8)).statusCode(200);
        UUID fileId = UUID.fromString(client.complete(upload, 8,
                        Map.of("geometry", "POLYGON ((7 46, 8 46, 8 47, 7 47, 7 46))"))
                .statusCode(200).extract().path("fileId"));

        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree("{\"type\": \"Polygon\", \"coordinates\": [[[7, 46], [8, 46], [8, 47], [7, 47], [7, 46]]]}"),
                json.readTree(FileRows.file(fileId).orElseThrow().get("geometry").toString()));
    }

    @Test
    void acquisitionDateMayBeADateTimeOrEpochMillis() {
        assertEquals(Instant.parse("2024-09-17T10:30:00Z"), completedAcquisitionDate("2024-09-17T14:30:00+04:00"));
        assertEquals(Instant.ofEpochMilli(1706610323613L), completedAcquisitionDate(1706610323613L));
        assertEquals(Instant.parse("2024-09-17T10:30:00Z"), completedAcquisitionDate("2024-09-17T12:30:00.000+0200"),
                "the offset without a colon, as java.util.Date is written by older Jackson versions");
    }

    private Instant completedAcquisitionDate(Object acquisitionDate) {
        ChunkedClient.Started upload = client.start("dated.tif");
        client.sendChunk(upload, 1, TestData.bytes(8)).statusCode(200);
        UUID fileId = UUID.fromString(client.complete(upload, 8, Map.of("acquisitionDate", acquisitionDate))
                .statusCode(200).extract().path("fileId"));
        return ((java.sql.Timestamp) FileRows.file(fileId).orElseThrow().get("acquisition_date")).toInstant();
    }

    /**
     * A crashed process's spool files were never removed, and a few crashes filled the volume; but
     * two processes may spool into one directory, and the files of a running one are in use.
     */
    @Test
    void spoolFilesAStoppedProcessLeftAreRemovedAndThoseOfARunningOneKept() throws Exception {
        Path root = config.spoolDirectory();
        Path crashed = spoolOfAnotherProcess(root);
        Path running = spoolOfAnotherProcess(root);
        Path oldLayoutLeftover = Files.createTempFile(root, "part-", ".spool");
        Files.setLastModifiedTime(oldLayoutLeftover, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path oldLayoutInUse = Files.createTempFile(root, "part-", ".spool");
        Process holder = holdLock(running.resolve(".lock"));
        try {
            spoolDirectory.removeLeftBehind();

            assertFalse(Files.exists(crashed));
            assertFalse(Files.exists(oldLayoutLeftover));
            assertTrue(Files.exists(running.resolve("part-1.spool")));
            assertTrue(Files.exists(oldLayoutInUse));
            assertTrue(Files.exists(spoolDirectory.path().resolve(".lock")), "this service's own, locked at start");
        } finally {
            holder.destroy();
            holder.waitFor();
        }
        Files.delete(oldLayoutInUse);
        spoolDirectory.removeLeftBehind();
        assertFalse(Files.exists(running), "its process stopped");
    }

    private static Path spoolOfAnotherProcess(Path root) throws Exception {
        Path directory = Files.createDirectories(root.resolve("process-" + UUID.randomUUID()));
        Files.createFile(directory.resolve(".lock"));
        Files.write(directory.resolve("part-1.spool"), TestData.bytes(100));
        return directory;
    }

    /** Another JVM, which holds an OS lock on {@code file} until it is destroyed. */
    private static Process holdLock(Path file) throws Exception {
        Path source = Files.createTempDirectory("hold-lock").resolve("HoldLock.java");
        Files.writeString(source, """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;
                public class HoldLock {
                    public static void main(String[] arguments) throws Exception {
                        FileChannel channel = FileChannel.open(Path.of(arguments[0]), StandardOpenOption.WRITE);
                        channel.lock();
                        System.out.println("locked");
                        Thread.sleep(Long.MAX_VALUE);
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(java, source.toString(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertEquals("locked", line);
        return process;
    }

    private void assertAssembled(ChunkedFile file) {
        ChunkedClient.Started upload = client.start("file.bin");
        for (int part = file.partCount(); part >= 1; part--) {
            client.sendChunk(upload, part, file.part(part)).statusCode(200);
        }
        client.complete(upload, file.size()).statusCode(200).body("size", equalTo((int) file.size()));
        assertEquals(TestData.sha256(file.bytes()), TestData.sha256(StoredObjects.read(upload.key())));
        assertNothingLeftBesidesTheFile(upload);
    }

    private static void assertNothingLeftBesidesTheFile(ChunkedClient.Started upload) {
        assertEquals(List.of(upload.key()), StoredObjects.keysUnder(uploadPrefix(upload)));
        assertEquals(List.of(), StoredObjects.keysUnder(ObjectKeys.stagingPrefix(upload.uploadId())));
        assertEquals(List.of(), StoredObjects.multipartUploadsUnder(uploadPrefix(upload)));
    }

    private static String uploadPrefix(ChunkedClient.Started upload) {
        return "uploads/" + upload.uploadId() + "/";
    }
}
