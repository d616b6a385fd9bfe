package io.geoingest.upload.chunked;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.geoingest.common.auth.ApiKeys;
import io.geoingest.common.file.SourceType;
import io.geoingest.common.storage.ObjectKeys;
import io.geoingest.testing.RawHttp;
import io.geoingest.testing.TestApiKeys;
import io.geoingest.testing.TestInfrastructure;
import io.geoingest.upload.FileRows;
import io.geoingest.upload.StoredObjects;
import io.geoingest.upload.TestData;
import io.geoingest.upload.UploadConfig;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

@QuarkusTest
class ChunkedUploadErrorsTest {
    private static final String NOT_IN_PROGRESS = "Upload is not in progress";

    @Inject
    UploadConfig config;

    private final String owner = "chunked-errors-" + UUID.randomUUID();
    private final String apiKey = TestApiKeys.uploader(owner);
    private final ChunkedClient client = new ChunkedClient(apiKey);

    @TestHTTPResource("/")
    URI base;

    @Test
    void fileNameIsRequired() {
        client.request().when().post(ChunkedClient.GENERATE)
                .then().statusCode(400).contentType(ContentType.JSON).body("error", equalTo("Bad Request: fileName is required"));
        client.request().queryParam("fileName", "  ").when().post(ChunkedClient.GENERATE)
                .then().statusCode(400).body("error", equalTo("Bad Request: fileName is required"));
    }

    @Test
    void fileNameMayBeAFormField() {
        client.request().contentType(ContentType.URLENC).formParam("fileName", "form.tif").when().post(ChunkedClient.GENERATE)
                .then().statusCode(200).body("key", startsWith("uploads/")).body("key", containsString("/form.tif"));
        client.request().multiPart("fileName", "multipart.tif").when().post(ChunkedClient.GENERATE)
                .then().statusCode(200).body("key", containsString("/multipart.tif"));
        String longest = "日".repeat(1024);
        client.request().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("fileName", longest)
                .when().post(ChunkedClient.GENERATE).then().statusCode(200).body("key", containsString("/file"));
        client.request().multiPart(new MultiPartSpecBuilder(longest).controlName("fileName").charset(StandardCharsets.UTF_8).build())
                .when().post(ChunkedClient.GENERATE).then().statusCode(200);
    }

    /**
     * curl sends a name typed into the URL as raw UTF-8, which was read byte by byte as Latin-1:
     * the file was named "scÃ¨ne.tif". Bytes that are not UTF-8 are refused rather than guessed at.
     */
    @Test
    void aFileNameSentAsRawUtf8InTheQueryIsTheNameTyped() throws Exception {
        String headers = "Host: 127.0.0.1\r\nX-API-KEY: " + apiKey + "\r\n";
        String started = RawHttp.postWithoutABody(base.getPort(), "/public/file/generateUploadId?fileName=scène_Zürich_東京.tif",
                StandardCharsets.UTF_8, headers);
        assertTrue(started.startsWith("HTTP/1.1 200"), started);
        var json = new ObjectMapper().readTree(RawHttp.body(started));
        ChunkedClient.Started upload = new ChunkedClient.Started(json.path("uploadId").asText(), json.path("key").asText());
        client.sendChunk(upload, 1, TestData.bytes(10)).statusCode(200);
        client.complete(upload, 10).statusCode(200).body("originalName", equalTo("scène_Zürich_東京.tif"));

        String latin1 = RawHttp.postWithoutABody(base.getPort(), "/public/file/generateUploadId?fileName=sc\u00e8ne.tif",
                StandardCharsets.ISO_8859_1, headers);
        assertTrue(latin1.startsWith("HTTP/1.1 400"), latin1);
        assertEquals("Bad Request: the request's path or query holds characters that are not UTF-8; percent-encode them",
                new ObjectMapper().readTree(RawHttp.body(latin1)).path("error").asText());
    }

    /** The form's name won over the query's, so the file was named what the client did not mean, silently. */
    @Test
    void aFileNameInTheFormAndTheQueryMustAgree() {
        client.request().queryParam("fileName", "query.tif").contentType(ContentType.URLENC).formParam("fileName", "form.tif")
                .when().post(ChunkedClient.GENERATE).then().statusCode(400).body("error", equalTo("Bad Request: fileName is"
                        + " given twice with different values: 'form.tif' as a form field and 'query.tif' in the query"));
        client.request().queryParam("fileName", "same.tif").contentType(ContentType.URLENC).formParam("fileName", "same.tif")
                .when().post(ChunkedClient.GENERATE).then().statusCode(200).body("key", containsString("/same.tif"));
    }

    /**
     * Quarkus' form parser answered each of these with a 500 (and a part's unknown charset too,
     * where the field is UTF-8 as in every other form of the API); they are the client's mistakes.
     */
    @Test
    void aMalformedStartFormIsABadRequest() throws Exception {
        Map<String, String> forms = Map.of(
                "application/x-www-form-urlencoded", "fileName=%zz",
                "application/x-www-form-urlencoded; charset=UTF-8", "fileName=100%",
                "multipart/form-data; boundary=abc", "--abc\r\nContent-Disposition: form-data; name=\"fileName\"\r\n\r\nx.tif",
                "multipart/form-data; boundary=x", "garbage",
                "multipart/form-data; boundary=", "x");
        for (Map.Entry<String, String> form : forms.entrySet()) {
            HttpResponse<String> answer = postAsIs(ChunkedClient.GENERATE, form.getKey(), form.getValue());
            assertEquals(400, answer.statusCode(), form + " " + answer.body());
            assertTrue(new ObjectMapper().readTree(answer.body()).path("error").asText().startsWith("Bad Request: "),
                    answer.body());
        }
        HttpResponse<String> answer = postAsIs(ChunkedClient.GENERATE, "multipart/form-data; boundary=abc",
                "--abc\r\nContent-Disposition: form-data; name=\"fileName\"\r\nContent-Type: text/plain; charset=bogus\r\n"
                        + "\r\nx.tif\r\n--abc--\r\n");
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(new ObjectMapper().readTree(answer.body()).path("key").asText().endsWith("/x.tif"), answer.body());
    }

    /** A body sent as it is: RestAssured makes every form it sends well-formed. */
    private HttpResponse<String> postAsIs(String path, String contentType, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("X-API-KEY", apiKey).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A field given twice was taken with its last value, without a word: a chunk sent with
     * partNumber 1 and 3 was stored as part 3. It is refused, as is a name given twice.
     */
    @Test
    void aFormFieldGivenTwiceIsRefused() {
        ChunkedClient.Started upload = client.start("twice.bin");
        client.request().multiPart("file", "chunk", TestData.bytes(10)).multiPart("uploadId", upload.uploadId())
                .multiPart("key", upload.key()).multiPart("partNumber", "1").multiPart("partNumber", "3")
                .when().post(ChunkedClient.CHUNK)
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("Bad Request: the form field partNumber is given more than once"));
        client.parts(upload.uploadId()).statusCode(200).body("parts", equalTo(List.of()));

        client.request().contentType(ContentType.URLENC).body("fileName=a.tif&fileName=b.tif")
                .when().post(ChunkedClient.GENERATE)
                .then().statusCode(400).body("error", equalTo("Bad Request: the form field fileName is given more than once"));
        client.request().multiPart("fileName", "a.tif").multiPart("fileName", "b.tif")
                .when().post(ChunkedClient.GENERATE)
                .then().statusCode(400).body("error", equalTo("Bad Request: the form field fileName is given more than once"));
    }

    /** Quarkus took the first of them: the chunk went in as part 1 where the client also said 3. */
    @Test
    void aQueryParameterGivenTwiceIsRefused() {
        ChunkedClient.Started upload = client.start("twice-in-query.bin");
        client.request().multiPart("file", "chunk", TestData.bytes(10))
                .queryParam("uploadId", upload.uploadId()).queryParam("key", upload.key())
                .queryParam("partNumber", 1).queryParam("partNumber", 3)
                .when().post(ChunkedClient.CHUNK)
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("Bad Request: the query parameter partNumber is given more than once"));
        client.parts(upload.uploadId()).statusCode(200).body("parts", equalTo(List.of()));
        client.request().queryParam("fileName", "a.tif").queryParam("fileName", "b.tif").when().post(ChunkedClient.GENERATE)
                .then().statusCode(400).body("error", equalTo("Bad Request: the query parameter fileName is given more than once"));
    }

    @Test
    void namesThatTryToEscapeOrBreakMakeSafeKeysUnderTheUpload() {
        List<String> names = List.of("../../etc/passwd", "a".repeat(996) + ".tif", "evil\u0000na\u0007me\r\n.tif",
                "dir/sub\\file.tif", "/absolute/path.tif", "..", "日".repeat(1024));
        for (String name : names) {
            ChunkedClient.Started upload = client.start(name);
            String prefix = "uploads/" + upload.uploadId() + "/";
            assertTrue(upload.key().startsWith(prefix), upload.key());
            String fileName = upload.key().substring(prefix.length());
            assertFalse(fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\") || fileName.startsWith("."),
                    fileName);
            assertTrue(fileName.chars().noneMatch(Character::isISOControl), fileName);
            assertTrue(fileName.length() <= 200, "key name of " + fileName.length() + " characters");
        }
        ChunkedClient.Started upload = client.start("../../etc/passwd\u0000");
        client.sendChunk(upload, 1, TestData.bytes(10)).statusCode(200);
        client.complete(upload, 10).statusCode(200).body("originalName", equalTo("../../etc/passwd"));
        assertEquals(List.of(upload.key()), StoredObjects.keysUnder("uploads/" + upload.uploadId() + "/"));
    }

    /** A name that reads as another, a ".pdf" that is an ".exe", or as two lines, is kept without what turns it. */
    @Test
    void theOriginalNameKeepsNoCharacterThatReordersOrBreaksIt() {
        ChunkedClient.Started upload = client.start("invoice\u202Efdp.exe\u0085\u2028copy\u2067.tif");
        client.sendChunk(upload, 1, TestData.bytes(10)).statusCode(200);
        client.complete(upload, 10).statusCode(200).body("originalName", equalTo("invoicefdp.execopy.tif"));
    }

    @Test
    void aTooLongFileNameIsABadRequest() {
        client.request().queryParam("fileName", "n".repeat(1025)).when().post(ChunkedClient.GENERATE)
                .then().statusCode(400).body("error", containsString("at most 1024 characters"));
    }

    @Test
    void aKeyThatBelongsToAnotherUploadIsRefused() {
        ChunkedClient.Started upload = client.start("one.bin");
        ChunkedClient.Started other = client.start("other.bin");

        client.sendChunk(upload.uploadId(), other.key(), "1", TestData.bytes(10))
                .statusCode(400).body("error", containsString("does not belong to upload " + upload.uploadId()));
        client.sendChunk(upload, 1, TestData.bytes(10)).statusCode(200);
        client.complete(new ChunkedClient.Started(upload.uploadId(), other.key()), 10)
                .statusCode(400).body("error", containsString("does not belong"));
        client.complete(upload, 10).statusCode(200);
    }

    @Test
    void partNumbersOutsideOneToTenThousandAreRefused() {
        ChunkedClient.Started upload = client.start("numbers.bin");
        for (String partNumber : List.of("0", "-1", "10001", "1.5", "two")) {
            client.sendChunk(upload.uploadId(), upload.key(), partNumber, TestData.bytes(10))
                    .statusCode(400).contentType(ContentType.JSON)
                    .body("error", containsString("a whole number from 1 to 10000"))
                    .body("error", containsString("'" + partNumber + "'"));
        }
        client.request().multiPart("file", "chunk", TestData.bytes(10)).multiPart("uploadId", upload.uploadId())
                .multiPart("key", upload.key())
                .when().post(ChunkedClient.CHUNK)
                .then().statusCode(400).body("error", startsWith("Bad Request: partNumber is required"));
        client.sendChunk(upload, 10000, TestData.bytes(10)).statusCode(200);
        client.parts(upload.uploadId()).body("parts.partNumber", equalTo(List.of(10000)));
    }

    /** Part 1 was stored, over the part 1 already there, when the query said 2 and the form 1. */
    @Test
    void aPartNumberGivenTwiceWithDifferentValuesIsRefused() {
        ChunkedClient.Started upload = client.start("twice.bin");
        client.sendChunk(upload, 1, TestData.bytes(10)).statusCode(200);
        client.request().queryParam("partNumber", 2).multiPart("file", "chunk", TestData.bytes(20))
                .multiPart("uploadId", upload.uploadId()).multiPart("key", upload.key()).multiPart("partNumber", "1")
                .when().post(ChunkedClient.CHUNK)
                .then().statusCode(400)
                .body("error", equalTo("Bad Request: partNumber is given twice with different values: '1' as a form"
                        + " field and '2' in the query"));
        client.parts(upload.uploadId()).body("parts.size", equalTo(List.of(10)));
        client.request().queryParam("partNumber", 1).multiPart("file", "chunk", TestData.bytes(20))
                .multiPart("uploadId", upload.uploadId()).multiPart("key", upload.key()).multiPart("partNumber", "01")
                .when().post(ChunkedClient.CHUNK)
                .then().statusCode(200);
        client.parts(upload.uploadId()).body("parts.size", equalTo(List.of(20)));
    }

    /**
     * Integer.parseInt takes a sign and the digits of every script: "+1" and "１" (full width) were
     * stored as part 1. A leading zero still names the part it always did.
     */
    @Test
    void partNumbersAreAsciiDigitsAlone() {
        ChunkedClient.Started upload = client.start("digits.bin");
        for (String partNumber : List.of("+1", "１", "١")) {
            client.request().multiPart("file", "chunk", TestData.bytes(10)).multiPart("uploadId", upload.uploadId())
                    .multiPart("key", upload.key())
                    .multiPart(new MultiPartSpecBuilder(partNumber).controlName("partNumber").charset(StandardCharsets.UTF_8).build())
                    .when().post(ChunkedClient.CHUNK)
                    .then().statusCode(400).contentType(ContentType.JSON)
                    .body("error", equalTo("Bad Request: partNumber must be a whole number from 1 to 10000, not '" + partNumber + "'"));
            client.request().multiPart("file", "chunk", TestData.bytes(10))
                    .queryParam("uploadId", upload.uploadId()).queryParam("key", upload.key())
                    .queryParam("partNumber", partNumber)
                    .when().post(ChunkedClient.CHUNK)
                    .then().statusCode(400)
                    .body("error", equalTo("Bad Request: partNumber must be a whole number from 1 to 10000, not '" + partNumber + "'"));
        }
        client.parts(upload.uploadId()).body("parts.size()", equalTo(0));

        client.sendChunk(upload.uploadId(), upload.key(), "02", TestData.bytes(10)).statusCode(200);
        client.parts(upload.uploadId()).body("parts.partNumber", equalTo(List.of(2)));
    }

    @Test
    void chunkParametersMayBeQueryParameters() {
        ChunkedClient.Started upload = client.start("query.bin");
        client.request().multiPart("file", "chunk", TestData.bytes(10))
                .queryParam("uploadId", upload.uploadId()).queryParam("partNumber", 1).queryParam("key", upload.key())
                .when().post(ChunkedClient.CHUNK)
                .then().statusCode(200).body("partNumber", equalTo(1));
    }

    @Test
    void aChunkNeedsItsFileAndItsUpload() {
        ChunkedClient.Started upload = client.start("parts.bin");
        client.request().multiPart("uploadId", upload.uploadId()).multiPart("partNumber", "1").multiPart("key", upload.key())
                .when().post(ChunkedClient.CHUNK)
                .then().statusCode(400).body("error", equalTo("Bad Request: file is required"));
        client.sendChunk(upload, 1, new byte[0]).statusCode(400).body("error", equalTo("Bad Request: the chunk is empty"));
        client.request().multiPart("file", "chunk", TestData.bytes(10)).multiPart("partNumber", "1").multiPart("key", upload.key())
                .when().post(ChunkedClient.CHUNK)
                .then().statusCode(400).body("error", equalTo("Bad Request: uploadId is required"));
        client.request().multiPart("file", "chunk", TestData.bytes(10)).multiPart("partNumber", "1")
                .multiPart("uploadId", upload.uploadId())
                .when().post(ChunkedClient.CHUNK)
                .then().statusCode(400).body("error", equalTo("Bad Request: key is required"));
        client.sendChunk(UUID.randomUUID().toString(), upload.key(), "1", TestData.bytes(10))
                .statusCode(404).body("error", equalTo("Upload not found"));
        client.parts(upload.uploadId()).body("parts.size()", equalTo(0));
    }

    /** The spool's write failure was answered as the client's 400, with the server's path in it. */
    @Test
    void aChunkTheServerCannotSpoolIsTheSpecs500WithoutServerPaths() throws Exception {
        ChunkedClient.Started upload = client.start("unspoolable.bin");
        Path spool = config.spoolDirectory();
        Path moved = spool.resolveSibling(spool.getFileName() + ".moved");
        Files.move(spool, moved);
        Files.writeString(spool, "not a directory: nothing can be spooled");
        String body;
        try {
            body = client.sendChunk(upload, 1, TestData.bytes(100)).statusCode(500)
                    .body("error", equalTo("Failed to upload chunk"))
                    .extract().asString();
        } finally {
            Files.delete(spool);
            Files.move(moved, spool);
        }
        assertFalse(body.contains(spool.toString()), body);
        client.sendChunk(upload, 1, TestData.bytes(100)).statusCode(200);
    }

    @Test
    void completingTwiceIsAConflict() {
        ChunkedClient.Started upload = client.start("twice.bin");
        client.sendChunk(upload, 1, TestData.bytes(10)).statusCode(200);
        client.complete(upload, 10).statusCode(200);

        client.complete(upload, 10).statusCode(409).contentType(ContentType.JSON).body("error", equalTo(NOT_IN_PROGRESS));
        client.sendChunk(upload, 2, TestData.bytes(10)).statusCode(409).body("error", equalTo(NOT_IN_PROGRESS));
        client.abort(upload.uploadId()).statusCode(409).body("error", equalTo(NOT_IN_PROGRESS));
        assertEquals(1, FileRows.count("select count(*) from file where object_key = ?", upload.key()));
    }

    @Test
    void ofTwoRacingCompletionsOneWinsAndTheOtherIsAConflict() throws Exception {
        ChunkedClient.Started upload = client.start("race.bin");
        client.sendChunk(upload, 1, TestData.bytes(1000)).statusCode(200);
        client.sendChunk(upload, 2, TestData.bytes(1000)).statusCode(200);

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService racers = Executors.newFixedThreadPool(2);
        try {
            List<Future<ValidatableResponse>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(racers.submit(() -> {
                    start.await();
                    return client.complete(upload, 2000);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<ValidatableResponse> result : results) {
                ValidatableResponse response = result.get();
                int status = response.extract().statusCode();
                statuses.add(status);
                if (status == 409) {
                    response.body("error", equalTo(NOT_IN_PROGRESS));
                }
            }
            statuses.sort(null);
            assertEquals(List.of(200, 409), statuses);
        } finally {
            racers.shutdownNow();
        }
        assertEquals(1, FileRows.count("select count(*) from file where object_key = ?", upload.key()));
        assertEquals("completed", FileRows.upload(upload.uploadId()).orElseThrow().get("status"));
    }

    /**
     * A client that retries its chunks while it completes: copies that arrive after the completion
     * started are refused, and must not take from the completion the copies it assembles.
     */
    @Test
    void chunksSentAgainWhileTheUploadCompletesLeaveTheFileWhole() throws Exception {
        ChunkedFile file = ChunkedFile.ofSizes(3000, 2000, 1000);
        ExecutorService resenders = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                ChunkedClient.Started upload = client.start("resent-while-completing.bin");
                for (int part = 1; part <= 3; part++) {
                    client.sendChunk(upload, part, file.part(part)).statusCode(200);
                }
                CountDownLatch completed = new CountDownLatch(1);
                List<Future<List<Integer>>> resent = new ArrayList<>();
                for (int thread = 0; thread < 2; thread++) {
                    resent.add(resenders.submit(() -> {
                        List<Integer> statuses = new ArrayList<>();
                        for (int i = 0; completed.getCount() > 0; i++) {
                            statuses.add(client.sendChunk(upload, 1 + i % 3, file.part(1 + i % 3)).extract().statusCode());
                        }
                        return statuses;
                    }));
                }
                Thread.sleep(50);
                ValidatableResponse completion = client.complete(upload, file.size());
                completed.countDown();
                completion.statusCode(200);
                for (Future<List<Integer>> answers : resent) {
                    List<Integer> statuses = answers.get();
                    assertTrue(List.of(200, 409).containsAll(statuses), () -> "chunks answered " + statuses);
                }
                assertEquals(TestData.sha256(file.bytes()), TestData.sha256(StoredObjects.read(upload.key())),
                        "round " + round + ": the file is what the chunks make");
                assertEquals(List.of(), StoredObjects.keysUnder(ObjectKeys.stagingPrefix(upload.uploadId())),
                        "no staged copy is left behind");
            }
        } finally {
            resenders.shutdownNow();
        }
    }

    @Test
    void anotherOwnersUploadIsNotFound() {
        ChunkedClient.Started upload = client.start("mine.bin");
        client.sendChunk(upload, 1, TestData.bytes(10)).statusCode(200);
        ChunkedClient stranger = new ChunkedClient(TestApiKeys.uploader("stranger-" + UUID.randomUUID()));

        stranger.sendChunk(upload, 2, TestData.bytes(10)).statusCode(404).body("error", equalTo("Upload not found"));
        stranger.parts(upload.uploadId()).statusCode(404).body("error", equalTo("Upload not found"));
        stranger.complete(upload, 10).statusCode(404).body("error", equalTo("Upload not found"));
        stranger.abort(upload.uploadId()).statusCode(404).body("error", equalTo("Upload not found"));

        new ChunkedClient(TestApiKeys.admin()).parts(upload.uploadId()).statusCode(200).body("parts.size()", equalTo(1));
        client.complete(upload, 10).statusCode(200);
    }

    @Test
    void missingPartsAndAWrongSizeAreRefusedAndTheUploadStaysOpen() {
        ChunkedClient.Started upload = client.start("gaps.bin");
        ChunkedFile file = ChunkedFile.ofSizes(100, 200, 300, 400, 500);
        client.sendChunk(upload, 1, file.part(1)).statusCode(200);
        client.sendChunk(upload, 3, file.part(3)).statusCode(200);
        client.sendChunk(upload, 5, file.part(5)).statusCode(200);

        client.complete(upload, file.size()).statusCode(400).contentType(ContentType.JSON)
                .body("error", containsString("Parts are missing: 2, 4"));
        client.parts(upload.uploadId()).body("status", equalTo("in-progress"));

        client.sendChunk(upload, 2, file.part(2)).statusCode(200);
        client.sendChunk(upload, 4, file.part(4)).statusCode(200);
        client.complete(upload, file.size() + 1).statusCode(400)
                .body("error", containsString("add up to " + file.size() + " bytes"))
                .body("error", containsString("fileSize is " + (file.size() + 1)));
        client.parts(upload.uploadId()).body("status", equalTo("in-progress"));

        client.complete(upload, file.size()).statusCode(200);
        assertEquals(TestData.sha256(file.bytes()), TestData.sha256(StoredObjects.read(upload.key())));
    }

    @Test
    void aPartStorageHoldsAnotherCopyOfIsNamedAndTheUploadStaysOpen() {
        ChunkedClient.Started upload = client.start("two-copies.bin");
        ChunkedFile file = ChunkedFile.ofSizes(5 * TestData.MIB, 5 * TestData.MIB, 300);
        for (int part = 1; part <= file.partCount(); part++) {
            client.sendChunk(upload, part, file.part(part)).statusCode(200);
        }
        // Two copies of part 2 sent at once: storage kept the copy whose record lost the race.
        Map<String, Object> row = FileRows.upload(upload.uploadId()).orElseThrow();
        TestInfrastructure.get().s3Client().uploadPart(request -> request.bucket(TestInfrastructure.BUCKET)
                        .key(upload.key()).uploadId((String) row.get("s3_upload_id")).partNumber(2),
                RequestBody.fromBytes(TestData.bytes(5 * TestData.MIB)));

        client.complete(upload, file.size()).statusCode(400).contentType(ContentType.JSON)
                .body("error", equalTo("Bad Request: storage holds another copy of part 2 than the one recorded (it was"
                        + " sent again while being stored); send part 2 again, then complete"));
        client.parts(upload.uploadId()).body("status", equalTo("in-progress"));

        client.sendChunk(upload, 2, file.part(2)).statusCode(200);
        client.complete(upload, file.size()).statusCode(200);
        assertEquals(TestData.sha256(file.bytes()), TestData.sha256(StoredObjects.read(upload.key())));
    }

    @Test
    void anUploadWithoutPartsCannotBeCompleted() {
        ChunkedClient.Started upload = client.start("nothing.bin");
        client.complete(upload, 0).statusCode(400).body("error", containsString("no parts"));
        client.parts(upload.uploadId()).body("status", equalTo("in-progress"));
    }

    @Test
    void aCompletionRequestIsCheckedFieldByField() {
        ChunkedClient.Started upload = client.start("checked.bin");
        client.sendChunk(upload, 1, TestData.bytes(10)).statusCode(200);
        Function<Map<String, Object>, ValidatableResponse> complete = changes -> {
            Map<String, Object> body = new HashMap<>(Map.of("uploadId", upload.uploadId(), "key", upload.key(), "fileSize", 10));
            body.putAll(changes);
            body.values().removeIf("(absent)"::equals);
            return client.completeWith(body).statusCode(400).contentType(ContentType.JSON);
        };

        complete.apply(Map.of("uploadId", "(absent)")).body("error", equalTo("Bad Request: uploadId is required"));
        complete.apply(Map.of("key", "(absent)")).body("error", equalTo("Bad Request: key is required"));
        complete.apply(Map.of("fileSize", "(absent)")).body("error", startsWith("Bad Request: fileSize is required"));
        complete.apply(Map.of("fileSize", -5)).body("error", containsString("fileSize must be a whole number of bytes"));
        complete.apply(Map.of("fileSize", 1.5)).body("error", containsString("fileSize must be a whole number of bytes"));
        complete.apply(Map.of("sourceType", "RADAR")).body("error", containsString(SourceType.allowedValues()));
        complete.apply(Map.of("geometry", "not json")).body("error", containsString("geometry must be a GeoJSON geometry"));
        complete.apply(Map.of("geometry", "POINT (7)")).body("error", containsString("geometry must be a GeoJSON geometry"));
        complete.apply(Map.of("geometry", "POINT (700 46)")).body("error", containsString("must be in WGS 84"));
        complete.apply(Map.of("geometry", "{\"type\": \"Point\", \"coordinates\": [7, 46]} ]]]"))
                .body("error", containsString("geometry must be a GeoJSON geometry"));
        complete.apply(Map.of("geometry", Map.of("coordinates", List.of(1, 2))))
                .body("error", containsString("geometry must be a GeoJSON geometry"));
        // it becomes the geometry of the file's catalog item, which must be valid GeoJSON in WGS 84
        complete.apply(Map.of("geometry", Map.of("type", "Nope", "coordinates", "x")))
                .body("error", startsWith("Bad Request: geometry.type must be one of"));
        complete.apply(Map.of("geometry", Map.of("type", "Point", "coordinates", List.of(7))))
                .body("error", equalTo("Bad Request: geometry is not a valid GeoJSON Point: check its coordinates"));
        complete.apply(Map.of("geometry", Map.of("type", "Point", "coordinates", List.of(200, 10))))
                .body("error", containsString("geometry must be in WGS 84 longitude/latitude"));
        complete.apply(Map.of("acquisitionDate", "yesterday")).body("error", containsString("acquisitionDate must be"));
        // values that parse but that the database cannot store: refused before anything is assembled
        complete.apply(Map.of("acquisitionDate", 1_726_568_400_000_000_000L))
                .body("error", startsWith("Bad Request: acquisitionDate must lie between 0000-01-01 and 9999-12-31"));
        complete.apply(Map.of("acquisitionDate", "+10000-01-01")).body("error", containsString("must lie between"));
        String unstorable = " holds what cannot be stored as sent: the character U+0000, a lone UTF-16 surrogate"
                + " (such as \\ud800), or a number beyond the range of a double";
        complete.apply(Map.of("layerProperties", Map.of("name", "a\u0000b")))
                .body("error", equalTo("Bad Request: layerProperties" + unstorable));
        complete.apply(Map.of("layerProperties", Map.of("scale", new BigDecimal("1e400"))))
                .body("error", equalTo("Bad Request: layerProperties" + unstorable));
        complete.apply(Map.of("vectorMappingProperties", List.of(Map.of("field\u0000", 1))))
                .body("error", equalTo("Bad Request: vectorMappingProperties" + unstorable));
        complete.apply(Map.of("geometry", Map.of("type", "Point", "coordinates", List.of(7, 46), "note", "\u0000")))
                .body("error", equalTo("Bad Request: geometry" + unstorable));
        // JSON's escapes allow half a surrogate pair, which jsonb would keep as "?"
        client.request().contentType(ContentType.JSON).body("{\"uploadId\": \"" + upload.uploadId() + "\", \"key\": \""
                + upload.key() + "\", \"fileSize\": 10, \"layerProperties\": {\"name\": \"\\ud800\"}}")
                .when().post(ChunkedClient.COMPLETE)
                .then().statusCode(400).body("error", equalTo("Bad Request: layerProperties" + unstorable));
        complete.apply(Map.of("uploadId", "upload\u0000"))
                .body("error", equalTo("Bad Request: the request holds the character U+0000, which cannot be stored"));
        client.request().contentType(ContentType.JSON).body("{\"uploadId\": ").when().post(ChunkedClient.COMPLETE)
                .then().statusCode(400).body("error", startsWith("Bad Request"));
        client.request().contentType(ContentType.JSON).when().post(ChunkedClient.COMPLETE)
                .then().statusCode(400).body("error", startsWith("Bad Request"));
        for (String notAnObject : List.of("[]", "\"text\"", "42", "{\"uploadId\": \"" + upload.uploadId() + "\"} {\"fileSize\": ")) {
            client.request().contentType(ContentType.JSON).body(notAnObject).when().post(ChunkedClient.COMPLETE)
                    .then().statusCode(400).body("error", equalTo("Bad Request: the body is not valid JSON of the expected shape"));
        }

        client.parts(upload.uploadId()).body("status", equalTo("in-progress"));
        client.complete(upload, 10).statusCode(200);
    }

    @Test
    void everyChunkedCallNeedsCredentials() {
        ChunkedClient.Started upload = client.start("guarded.bin");
        for (Function<RequestSpecification, ValidatableResponse> call : calls(upload)) {
            call.apply(given()).statusCode(401).contentType(ContentType.JSON).body("error", equalTo("Unauthorized Request"));
            call.apply(given().header("X-API-KEY", ApiKeys.newKey())).statusCode(401).body("error", equalTo("Unauthorized Request"));
        }
    }

    @Test
    void everyChunkedCallNeedsAnUploadPermission() {
        String powerless = "powerless-" + UUID.randomUUID();
        String key = TestApiKeys.create(powerless);
        ChunkedClient.Started upload = client.start("guarded.bin");
        for (Function<RequestSpecification, ValidatableResponse> call : calls(upload)) {
            call.apply(given().header("X-API-KEY", key)).statusCode(403).contentType(ContentType.JSON)
                    .body("error", equalTo("Permission Denied"));
        }
        assertEquals(0, FileRows.count("select count(*) from upload where owner = ?", powerless));
        client.parts(upload.uploadId()).body("parts.size()", equalTo(0)).body("status", equalTo("in-progress"));
    }

    private static List<Function<RequestSpecification, ValidatableResponse>> calls(ChunkedClient.Started upload) {
        return List.of(
                request -> request.queryParam("fileName", "x.bin").when().post(ChunkedClient.GENERATE).then(),
                request -> request.multiPart("file", "chunk", TestData.bytes(10)).multiPart("uploadId", upload.uploadId())
                        .multiPart("partNumber", "1").multiPart("key", upload.key()).when().post(ChunkedClient.CHUNK).then(),
                request -> request.contentType(ContentType.JSON)
                        .body(Map.of("uploadId", upload.uploadId(), "key", upload.key(), "fileSize", 10))
                        .when().post(ChunkedClient.COMPLETE).then(),
                request -> request.when().get("/public/file/upload/" + upload.uploadId() + "/parts").then(),
                request -> request.when().delete("/public/file/upload/" + upload.uploadId()).then());
    }
}
