package io.geoingest.upload.direct;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.auth.ApiKeys;
import io.geoingest.common.file.SourceType;
import io.geoingest.testing.RawHttp;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.testing.TestInfrastructure;
import io.geoingest.testing.TestTokens;
import io.geoingest.upload.FileRows;
import io.geoingest.upload.FileUploadedEvents;
import io.geoingest.upload.Metrics;
import io.geoingest.upload.StoredObjects;
import io.geoingest.upload.TestData;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.DoublePredicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DirectUploadTest {
    private static final String UPLOAD = "/public/file/upload";
    /** {@code %test.geoingest.upload.direct-max-size}. */
    private static final int LIMIT = 9 * TestData.MIB;

    @TestHTTPResource(UPLOAD)
    URL uploadUrl;

    private final String owner = "direct-" + UUID.randomUUID();
    private final String key = TestApiKeys.uploader(owner);

    private RequestSpecification asUploader() {
        return given().header("X-API-KEY", key);
    }

    @Test
    void storesTheExactBytesQueuesTheFileAndAnnouncesIt() {
        byte[] content = TestData.bytes(300_000);
        Instant before = Instant.now().minusSeconds(1);

        ExtractableResponse<Response> response = asUploader()
                .multiPart("file", "scene.tif", content)
                .queryParam("sourceType", "Multispectral")
                .when().post(UPLOAD)
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("originalName", equalTo("scene.tif"))
                .body("size", equalTo(content.length))
                .extract();

        UUID fileId = UUID.fromString(response.path("fileId"));
        Instant createdAt = Instant.parse(response.path("createdAt"));
        assertTrue(createdAt.isAfter(before) && createdAt.isBefore(Instant.now().plusSeconds(1)), "createdAt is now, in UTC");
        Map<String, Object> row = FileRows.file(fileId).orElseThrow();
        assertEquals("QUEUED", row.get("status"));
        assertEquals(owner, row.get("owner"));
        assertEquals("MULTISPECTRAL", row.get("source_type"));
        assertEquals((long) content.length, row.get("size"));
        String objectKey = (String) row.get("object_key");
        assertEquals("files/" + fileId + "/scene.tif", objectKey);
        assertArrayEquals(content, StoredObjects.read(objectKey));

        ConsumerRecord<String, JsonNode> event = FileUploadedEvents.await(fileId, Duration.ofSeconds(30));
        assertEquals(fileId.toString(), event.key());
        assertEquals(TestInfrastructure.BUCKET, event.value().path("bucket").asText());
        assertEquals(objectKey, event.value().path("key").asText());
        assertEquals(content.length, event.value().path("size").asLong());
        assertEquals("MULTISPECTRAL", event.value().path("sourceType").asText());
        assertEquals(owner, event.value().path("owner").asText());
    }

    @Test
    void sourceTypeMayBeAFormField() {
        UUID fileId = uploadedId(asUploader().multiPart("file", "scene.sar", TestData.bytes(100)).multiPart("sourceType", "sar"));
        assertEquals("SAR", FileRows.file(fileId).orElseThrow().get("source_type"));
    }

    @Test
    void aSourceTypeGivenTwiceWithDifferentValuesIsRefused() {
        asUploader().multiPart("file", "scene.sar", TestData.bytes(100)).multiPart("sourceType", "SAR")
                .queryParam("sourceType", "IMAGE")
                .when().post(UPLOAD)
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("Bad Request: sourceType is given twice with different values: 'SAR' as a form"
                        + " field and 'IMAGE' in the query"));
        assertEquals(0, filesOf(owner));
    }

    /** A source type may be written in any case, a size with leading zeros: two spellings of one value agree. */
    @Test
    void aValueGivenTwiceInTwoSpellingsIsTaken() {
        byte[] content = TestData.bytes(100);
        UUID fileId = uploadedId(asUploader().multiPart("file", "scene.sar", content).multiPart("sourceType", "sar")
                .multiPart("fileSize", "0100").queryParam("sourceType", "SAR").queryParam("fileSize", "100"));
        assertEquals("SAR", FileRows.file(fileId).orElseThrow().get("source_type"));
    }

    @Test
    void sourceTypeDefaultsToUnknown() {
        UUID fileId = uploadedId(asUploader().multiPart("file", "data.bin", TestData.bytes(100)));
        assertEquals("UNKNOWN", FileRows.file(fileId).orElseThrow().get("source_type"));
    }

    @Test
    void unknownSourceTypeIsRefusedWithTheAllowedValues() {
        asUploader().multiPart("file", "data.bin", TestData.bytes(100)).queryParam("sourceType", "LIDAR")
                .when().post(UPLOAD)
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", containsString("LIDAR"))
                .body("error", containsString(SourceType.allowedValues()));
        assertEquals(0, filesOf(owner));
    }

    @Test
    void anUnknownSourceTypeSentAfterTheFileLeavesNothingInStorage() {
        int objectsBefore = StoredObjects.keysUnder("files/").size();

        asUploader().multiPart("file", "data.bin", TestData.bytes(1000)).multiPart("sourceType", "LIDAR")
                .when().post(UPLOAD)
                .then().statusCode(400).body("error", containsString("LIDAR"));

        assertEquals(0, filesOf(owner));
        assertEquals(objectsBefore, StoredObjects.keysUnder("files/").size(), "the stored object was removed");
    }

    @Test
    void missingFileIsABadRequest() {
        asUploader().multiPart("sourceType", "IMAGE")
                .when().post(UPLOAD)
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("Bad Request: file is required"));
    }

    @Test
    void requestThatIsNotMultipartIsABadRequest() {
        asUploader().when().post(UPLOAD)
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", startsWith("Bad Request: file is required"));
        asUploader().contentType(ContentType.JSON).body("{\"file\": \"data\"}").when().post(UPLOAD)
                .then().statusCode(400).body("error", containsString("multipart/form-data"));
    }

    /** The path as routed decides: with a dot segment it was a 415, as if it were no upload. Sent raw: clients normalize it. */
    @Test
    void requestThatIsNotMultipartIsABadRequestHoweverThePathIsSpelt() throws IOException {
        for (String path : List.of("/public/./file/upload", "/public/file/upload/")) {
            String response = RawHttp.postInChunks(RestAssured.port, path,
                    RawHttp.apiHeaders("localhost", key, "application/json"), "{\"file\": \"data\"}".getBytes(StandardCharsets.UTF_8));

            assertTrue(response.startsWith("HTTP/1.1 400 "), path + ": " + response);
            assertTrue(RawHttp.body(response).contains("\"error\":\"Bad Request: file is required"), path + ": " + response);
        }
    }

    @Test
    void emptyFileIsABadRequest() {
        asUploader().multiPart("file", "empty.tif", new byte[0])
                .when().post(UPLOAD)
                .then().statusCode(400).body("error", equalTo("Bad Request: the file is empty"));
        assertEquals(0, filesOf(owner));
    }

    @Test
    void fileOverTheLimitIsRefusedAndNothingIsStored() {
        int overLimit = LIMIT + 1;
        int objectsBefore = StoredObjects.keysUnder("files/").size();

        asUploader().multiPart("file", "big.tif", TestData.bytes(overLimit))
                .when().post(UPLOAD)
                .then().statusCode(413).contentType(ContentType.JSON)
                .body("error", containsString("at most 9 MiB"))
                .body("error", containsString("in chunks"));

        assertEquals(0, filesOf(owner));
        assertEquals(objectsBefore, StoredObjects.keysUnder("files/").size(), "no object was stored");
    }

    @Test
    void fileAtTheLimitIsStored() {
        byte[] content = TestData.bytes(LIMIT);

        UUID fileId = uploadedId(asUploader().multiPart("file", "exact.tif", content));

        Map<String, Object> row = FileRows.file(fileId).orElseThrow();
        assertEquals((long) LIMIT, row.get("size"));
        assertArrayEquals(content, StoredObjects.read((String) row.get("object_key")));
    }

    @Test
    void aFileSentWithItsLengthGoesToStorageInOnePut() throws Exception {
        byte[] content = TestData.bytes(LIMIT);

        Map<String, Object> row = FileRows.file(postedWithLength(content, "", "\r\n")).orElseThrow();

        String objectKey = (String) row.get("object_key");
        assertArrayEquals(content, StoredObjects.read(objectKey));
        assertFalse(StoredObjects.eTag(objectKey).contains("-"), "one PUT, not parts that storage had to join");
    }

    @Test
    void aLargeFileFollowedByFieldsIsStoredExactly() throws Exception {
        byte[] content = TestData.bytes(LIMIT - 1000);
        String fields = "Content-Disposition: form-data; name=\"sourceType\"\r\n\r\nSAR";

        Map<String, Object> row = FileRows.file(postedWithLength(content, fields, "\r\n")).orElseThrow();

        assertEquals("SAR", row.get("source_type"));
        assertArrayEquals(content, StoredObjects.read((String) row.get("object_key")));
    }

    @Test
    void aLargeFileInAFormClosedWithoutALineEndIsStoredExactly() throws Exception {
        byte[] content = TestData.bytes(LIMIT - 10);

        Map<String, Object> row = FileRows.file(postedWithLength(content, "", "")).orElseThrow();

        assertEquals((long) content.length, row.get("size"));
        assertArrayEquals(content, StoredObjects.read((String) row.get("object_key")));
    }

    @Test
    void aClientThatPausesLongerThanStorageWaitsIsToldSoAndNothingIsStored() throws Exception {
        List<String> objectsBefore = StoredObjects.keysUnder("files/");
        String boundary = "geoingest-" + UUID.randomUUID();
        byte[] body = curlForm(boundary, TestData.bytes(LIMIT - 10), "", "\r\n");
        int beforePause = TestData.MIB;

        String response;
        try (Socket socket = new Socket(uploadUrl.getHost(), uploadUrl.getPort())) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + UPLOAD + " HTTP/1.1\r\nHost: " + uploadUrl.getHost() + "\r\nX-API-KEY: " + key
                    + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, beforePause);
            out.flush();
            Thread.sleep(TestInfrastructure.S3_BODY_WAIT.plusSeconds(3).toMillis());
            try {
                out.write(body, beforePause, body.length - beforePause);
                out.flush();
            } catch (IOException answeredBeforeTheEnd) {
                // the service may answer and close before taking the rest
            }
            response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertTrue(response.startsWith("HTTP/1.1 400 "), response);
        assertTrue(response.contains("the upload paused for"), response);
        assertEquals(objectsBefore, StoredObjects.keysUnder("files/"), "no object was stored");
    }

    /**
     * geoingest_uploads_in_progress counted chunked and STAC uploads only: a direct upload, which
     * has no row until it is stored, was in no count while its body arrived, however long it took.
     * A client that goes away mid-body ends its count too.
     */
    @Test
    void aDirectUploadIsInProgressWhileItsBodyArrivesUntilItsClientGoesAway() throws Exception {
        String boundary = "geoingest-" + UUID.randomUUID();
        byte[] body = curlForm(boundary, TestData.bytes(TestData.MIB), "", "\r\n");

        try (Socket stalled = RawHttp.postAndStall(uploadUrl.getHost(), uploadUrl.getPort(), UPLOAD,
                RawHttp.apiHeaders(uploadUrl.getHost(), key, "multipart/form-data; boundary=" + boundary), body, 1000)) {
            awaitDirectUploadsInProgress("the upload whose body is arriving", count -> count >= 1);
        }
        awaitDirectUploadsInProgress("none once the client went away", count -> count == 0);
    }

    private static void awaitDirectUploadsInProgress(String what, DoublePredicate expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!expected.test(Metrics.sum("geoingest_uploads_in_progress", "kind=\"direct\""))) {
            assertTrue(System.nanoTime() < deadline, () -> "geoingest_uploads_in_progress{kind=\"direct\"} counts " + what);
            Thread.sleep(100);
        }
    }

    /**
     * .NET's MultipartFormDataContent names a file of non-ASCII name twice: in an RFC 2047 encoded
     * word and in RFC 5987's {@code filename*}; older urllib3 in {@code filename*} alone. Either is
     * the name the user gave, not its encoding.
     */
    @Test
    void aFileNameEncodedAsDotNetAndUrllib3SendItIsDecoded() throws Exception {
        String encodedWord = "filename=\"=?utf-8?B?2LXZiNix2KkudGlm?=\"; ";
        String extended = "filename*=utf-8''%D8%B5%D9%88%D8%B1%D8%A9.tif";
        for (String parameters : List.of(encodedWord + extended, extended)) {
            String boundary = "geoingest-" + UUID.randomUUID();
            byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; " + parameters
                    + "\r\n\r\nscene\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);

            JsonNode uploaded = postedWithLength(boundary, body);

            assertEquals("\u0635\u0648\u0631\u0629.tif", uploaded.path("originalName").asText(), parameters);
        }
    }

    /**
     * Posts a form with a Content-Length, as curl does (REST Assured streams its forms chunked):
     * see {@link #curlForm}.
     */
    private UUID postedWithLength(byte[] content, String partAfter, String afterClosing) throws Exception {
        String boundary = "geoingest-" + UUID.randomUUID();
        return UUID.fromString(postedWithLength(boundary, curlForm(boundary, content, partAfter, afterClosing))
                .path("fileId").asText());
    }

    /** The answer to a form posted with a Content-Length, which must be a 200. */
    private JsonNode postedWithLength(String boundary, byte[] form) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(uploadUrl.toURI()).header("X-API-KEY", key)
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(form)).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new ObjectMapper().readTree(response.body());
    }

    /**
     * A form as curl sends it: the file, then a part with {@code partAfter} as its headers and
     * content when not empty, then the closing boundary followed by {@code afterClosing}.
     */
    private static byte[] curlForm(String boundary, byte[] content, String partAfter, String afterClosing) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scene.tif\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(content);
        if (!partAfter.isEmpty()) {
            body.writeBytes(("\r\n--" + boundary + "\r\n" + partAfter).getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes(("\r\n--" + boundary + "--" + afterClosing).getBytes(StandardCharsets.US_ASCII));
        return body.toByteArray();
    }

    @Test
    void declaredFileSizeIsRecordedForTheWorkerToCheck() {
        byte[] content = TestData.bytes(1000);
        ExtractableResponse<Response> response = asUploader().multiPart("file", "short.tif", content)
                .multiPart("fileSize", "4096")
                .when().post(UPLOAD)
                .then().statusCode(200).body("size", equalTo(content.length)).extract();

        UUID fileId = UUID.fromString(response.path("fileId"));
        assertEquals(4096L, FileRows.file(fileId).orElseThrow().get("size"));
        assertEquals(4096, FileUploadedEvents.await(fileId, Duration.ofSeconds(30)).value().path("size").asLong());
    }

    @Test
    void declaredFileSizeMustBeANumberOfBytes() {
        asUploader().multiPart("file", "data.bin", TestData.bytes(10)).queryParam("fileSize", "ten")
                .when().post(UPLOAD)
                .then().statusCode(400).body("error", containsString("fileSize must be a whole number of bytes"));
    }

    /** Long.parseLong takes a sign and the digits of every script: "+10" and "１０" were recorded as 10 bytes. */
    @Test
    void declaredFileSizeIsAsciiDigitsAlone() {
        for (String size : List.of("+10", "１０")) {
            asUploader().multiPart("file", "data.bin", TestData.bytes(10))
                    .multiPart(new MultiPartSpecBuilder(size).controlName("fileSize").charset(StandardCharsets.UTF_8).build())
                    .when().post(UPLOAD)
                    .then().statusCode(400)
                    .body("error", equalTo("Bad Request: fileSize must be a whole number of bytes (0 or more), not '" + size + "'"));
        }
    }

    @Test
    void aNameCannotReachOutsideTheFilesFolder() {
        UUID fileId = uploadedId(asUploader().multiPart("file", "../../etc/passwd", TestData.bytes(10)));
        Map<String, Object> row = FileRows.file(fileId).orElseThrow();
        assertEquals("files/" + fileId + "/passwd", row.get("object_key"));
        assertTrue(StoredObjects.exists("files/" + fileId + "/passwd"));
    }

    @Test
    void aBearerTokenWithTheUploadPermissionMayUpload() {
        given().auth().oauth2(TestTokens.bearer("token-" + UUID.randomUUID(), "files_upload"))
                .multiPart("file", "data.bin", TestData.bytes(10))
                .when().post(UPLOAD)
                .then().statusCode(200);
    }

    @Test
    void missingCredentialsAreUnauthorized() {
        given().multiPart("file", "data.bin", TestData.bytes(10))
                .when().post(UPLOAD)
                .then().statusCode(401).contentType(ContentType.JSON).body("error", equalTo("Unauthorized Request"));
    }

    @Test
    void unknownApiKeyIsUnauthorized() {
        given().header("X-API-KEY", ApiKeys.newKey()).multiPart("file", "data.bin", TestData.bytes(10))
                .when().post(UPLOAD)
                .then().statusCode(401).body("error", equalTo("Unauthorized Request"));
    }

    @Test
    void keyWithoutPermissionIsForbiddenAndStoresNothing() {
        String powerless = "powerless-" + UUID.randomUUID();
        given().header("X-API-KEY", TestApiKeys.create(powerless)).multiPart("file", "data.bin", TestData.bytes(10))
                .when().post(UPLOAD)
                .then().statusCode(403).contentType(ContentType.JSON).body("error", equalTo("Permission Denied"));
        assertEquals(0, filesOf(powerless));
    }

    @Test
    void noTemporaryFileOutlivesItsRequest() throws Exception {
        Path temporaryFiles = Path.of(System.getProperty("java.io.tmpdir"), "geoingest-uploads");
        uploadedId(asUploader().multiPart("file", "kept.bin", TestData.bytes(1000)));
        asUploader().multiPart("file", "refused.bin", TestData.bytes(1000)).queryParam("sourceType", "NONE")
                .when().post(UPLOAD).then().statusCode(400);
        asUploader().multiPart("file", "big.bin", TestData.bytes(LIMIT + 10))
                .when().post(UPLOAD).then().statusCode(413);

        // the service's own spool directory stays, with the lock file it holds
        try (Stream<Path> left = Files.walk(temporaryFiles)) {
            assertEquals(List.of(), left.filter(Files::isRegularFile)
                    .filter(path -> !path.getFileName().toString().equals(".lock"))
                    .toList());
        }
    }

    private static UUID uploadedId(RequestSpecification request) {
        return UUID.fromString(request.when().post(UPLOAD).then().statusCode(200).extract().path("fileId"));
    }

    private static long filesOf(String owner) {
        return FileRows.count("select count(*) from file where owner = ?", owner);
    }
}
