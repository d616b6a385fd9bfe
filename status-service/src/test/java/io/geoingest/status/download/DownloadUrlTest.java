package io.geoingest.status.download;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.geoingest.common.file.FileRecord;
import io.geoingest.common.file.FileStatus;
import io.geoingest.status.TestFiles;
import io.geoingest.testing.TestApiKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DownloadUrlTest {
    private static final String DOWNLOAD_URL = "/public/file/download/url";
    private static final String UPLOADED_CONTENT_TYPE = "application/x-as-uploaded";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String owner = "owner-" + UUID.randomUUID();
    private final String ownerKey = TestApiKeys.uploader(owner);

    /** A COMPLETED file whose bytes are stored, with the media type the worker detected. */
    private FileRecord completedFile(String name, String detectedContentType, byte[] bytes) {
        FileRecord file = TestFiles.file(owner, FileStatus.COMPLETED);
        file.originalName = name;
        file.size = bytes.length;
        file.contentType = detectedContentType;
        TestFiles.save(file);
        TestFiles.store(file, bytes, UPLOADED_CONTENT_TYPE);
        return file;
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static ValidatableResponse downloadUrl(String apiKey, Object fileId, Object useDefaultContentType) {
        var request = given().header("X-API-KEY", apiKey);
        if (fileId != null) {
            request.queryParam("fileId", fileId);
        }
        if (useDefaultContentType != null) {
            request.queryParam("useDefaultContentType", useDefaultContentType);
        }
        return request.when().get(DOWNLOAD_URL).then();
    }

    private static URI urlFor(String apiKey, FileRecord file, Boolean useDefaultContentType) {
        String url = downloadUrl(apiKey, file.id, useDefaultContentType)
                .statusCode(200)
                .contentType(startsWith("text/plain"))
                .extract().asString();
        return URI.create(url);
    }

    private static HttpResponse<byte[]> fetch(URI url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void urlIsForThePublicEndpointValidForADayAndDownloadsTheBytes() throws Exception {
        byte[] bytes = randomBytes(200_000);
        FileRecord file = completedFile("scene.png", "image/png", bytes);

        URI url = urlFor(ownerKey, file, null);

        assertTrue(url.toString().startsWith(PublicEndpointSpelling.publicEndpoint() + "/"), url.toString());
        assertTrue(url.getQuery().contains("X-Amz-Expires=86400"), url.toString());
        HttpResponse<byte[]> download = fetch(url);
        assertEquals(200, download.statusCode());
        assertArrayEquals(bytes, download.body());
    }

    /** The URL downloads the file for a day: a shared cache in front must not keep it for the next caller. */
    @Test
    void noCacheStoresTheUrlOrTheFilesStatus() {
        FileRecord file = completedFile("scene.png", "image/png", randomBytes(1000));

        downloadUrl(ownerKey, file.id, null).statusCode(200).header("Cache-Control", "no-store");
        given().header("X-API-KEY", ownerKey).when().get("/public/file/status/" + file.id).then()
                .statusCode(200).header("Cache-Control", "no-store");
        downloadUrl(TestApiKeys.uploader("stranger-" + UUID.randomUUID()), file.id, null)
                .statusCode(404).header("Cache-Control", "no-store");
    }

    @Test
    void downloadIsServedAsTheDetectedTypeUnlessTheDefaultIsAskedFor() throws Exception {
        FileRecord file = completedFile("scene.png", "image/png", randomBytes(1000));

        HttpResponse<byte[]> detected = fetch(urlFor(ownerKey, file, false));
        assertEquals("image/png", detected.headers().firstValue("Content-Type").orElseThrow());

        HttpResponse<byte[]> asDefault = fetch(urlFor(ownerKey, file, true));
        assertEquals("application/octet-stream", asDefault.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void withoutADetectedTypeTheDownloadKeepsTheTypeItWasStoredWith() throws Exception {
        FileRecord file = completedFile("notes.bin", null, randomBytes(1000));

        HttpResponse<byte[]> download = fetch(urlFor(ownerKey, file, null));

        assertEquals(UPLOADED_CONTENT_TYPE, download.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void downloadIsAnAttachmentUnderTheOriginalName() throws Exception {
        FileRecord file = completedFile("scene 2024.png", "image/png", randomBytes(1000));

        HttpResponse<byte[]> download = fetch(urlFor(ownerKey, file, true));

        assertEquals("attachment; filename=\"scene 2024.png\"",
                download.headers().firstValue("Content-Disposition").orElseThrow());
    }

    @Test
    void nonAsciiNameIsCarriedInUtf8WithAnAsciiFallback() throws Exception {
        FileRecord file = completedFile("Größe \"é\".tif", "image/tiff", randomBytes(1000));

        HttpResponse<byte[]> download = fetch(urlFor(ownerKey, file, null));

        assertEquals("attachment; filename=\"Gro_e _e_.tif\"; filename*=UTF-8''Gr%C3%B6%C3%9Fe%20%22%C3%A9%22.tif",
                download.headers().firstValue("Content-Disposition").orElseThrow());
    }

    /** A name this long made a URL that storage refused (414); no file system keeps more than 255 bytes of it. */
    @Test
    void aVeryLongNameIsShortenedToWhatFileSystemsKeepWithItsExtension() throws Exception {
        FileRecord file = completedFile("日".repeat(1000) + ".tif", "image/tiff", randomBytes(1000));

        HttpResponse<byte[]> download = fetch(urlFor(ownerKey, file, null));

        assertEquals(200, download.statusCode());
        String header = download.headers().firstValue("Content-Disposition").orElseThrow();
        String encodedName = header.substring(header.indexOf("filename*=UTF-8''") + "filename*=UTF-8''".length());
        assertEquals("日".repeat(83) + ".tif", URLDecoder.decode(encodedName, StandardCharsets.UTF_8));
    }

    /**
     * The URL is plain text, as the spec has it; a client that accepts only JSON got 406 Not
     * Acceptable instead, for its errors too.
     */
    @Test
    void aClientAcceptingOnlyJsonStillGetsThePlainTextUrlAndJsonErrors() throws Exception {
        byte[] bytes = randomBytes(1000);
        FileRecord file = completedFile("scene.png", "image/png", bytes);
        FileRecord queued = TestFiles.save(TestFiles.file(owner, FileStatus.QUEUED));

        String url = acceptingJsonOnly().queryParam("fileId", file.id).when().get(DOWNLOAD_URL).then()
                .statusCode(200)
                .contentType(startsWith("text/plain"))
                .extract().asString();
        assertArrayEquals(bytes, fetch(URI.create(url)).body());
        acceptingJsonOnly().queryParam("fileId", UUID.randomUUID()).when().get(DOWNLOAD_URL).then()
                .statusCode(404).contentType("application/json").body("error", equalTo("File not found"));
        acceptingJsonOnly().queryParam("fileId", queued.id).when().get(DOWNLOAD_URL).then()
                .statusCode(409).contentType("application/json")
                .body("error", equalTo("File is not ready for download: status QUEUED"));
        acceptingJsonOnly().when().get(DOWNLOAD_URL).then()
                .statusCode(400).contentType("application/json").body("error", equalTo("Bad Request: fileId is required"));
    }

    private RequestSpecification acceptingJsonOnly() {
        return given().header("X-API-KEY", ownerKey).accept("application/json");
    }

    @Test
    void fileNotYetProcessedCannotBeDownloaded() {
        FileRecord file = TestFiles.save(TestFiles.file(owner, FileStatus.QUEUED));

        downloadUrl(ownerKey, file.id, null)
                .statusCode(409)
                .contentType("application/json")
                .body("error", equalTo("File is not ready for download: status QUEUED"));
    }

    @Test
    void missingFileIdIsABadRequest() {
        downloadUrl(ownerKey, null, null)
                .statusCode(400)
                .contentType("application/json")
                .body("error", equalTo("Bad Request: fileId is required"));
    }

    @Test
    void useDefaultContentTypeMustBeABoolean() {
        FileRecord file = completedFile("scene.png", "image/png", randomBytes(10));

        downloadUrl(ownerKey, file.id, "yes")
                .statusCode(400)
                .body("error", equalTo("Bad Request: useDefaultContentType must be true or false"));
    }

    @Test
    void unknownMalformedAndOthersFilesAreNotFound() {
        FileRecord file = completedFile("scene.png", "image/png", randomBytes(10));
        String stranger = TestApiKeys.uploader("stranger-" + UUID.randomUUID());

        downloadUrl(ownerKey, UUID.randomUUID(), null).statusCode(404).body("error", equalTo("File not found"));
        downloadUrl(ownerKey, "42", null).statusCode(404).body("error", equalTo("File not found"));
        downloadUrl(stranger, file.id, null).statusCode(404).body("error", equalTo("File not found"));
        downloadUrl(TestApiKeys.admin(), file.id, null).statusCode(200);
    }

    @Test
    void missingCredentialsAreUnauthorized() {
        given().queryParam("fileId", UUID.randomUUID())
                .when().get(DOWNLOAD_URL)
                .then().statusCode(401)
                .body("error", equalTo("Unauthorized Request"));
    }
}
