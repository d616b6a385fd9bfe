package io.geoingest.upload.chunked;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;

/** The chunked upload as a client drives it, with one API key. */
final class ChunkedClient {
    static final String GENERATE = "/public/file/generateUploadId";
    static final String CHUNK = "/public/file/uploadChunk";
    static final String COMPLETE = "/public/file/completeUpload";

    private final String apiKey;

    ChunkedClient(String apiKey) {
        this.apiKey = apiKey;
    }

    record Started(String uploadId, String key) {
    }

    RequestSpecification request() {
        return given().header("X-API-KEY", apiKey);
    }

    Started start(String fileName) {
        var response = request().queryParam("fileName", fileName).when().post(GENERATE).then().statusCode(200).extract();
        return new Started(response.path("uploadId"), response.path("key"));
    }

    ValidatableResponse sendChunk(Started upload, int partNumber, byte[] bytes) {
        return sendChunk(upload.uploadId(), upload.key(), String.valueOf(partNumber), bytes);
    }

    ValidatableResponse sendChunk(String uploadId, String key, String partNumber, byte[] bytes) {
        return request()
                .multiPart("file", "chunk", bytes)
                .multiPart("uploadId", uploadId)
                .multiPart("partNumber", partNumber)
                .multiPart("key", key)
                .when().post(CHUNK).then();
    }

    ValidatableResponse complete(Started upload, long fileSize) {
        return complete(upload, fileSize, Map.of());
    }

    ValidatableResponse complete(Started upload, long fileSize, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(more);
        body.put("uploadId", upload.uploadId());
        body.put("key", upload.key());
        body.put("fileSize", fileSize);
        body.putIfAbsent("sourceType", "IMAGE");
        return completeWith(body);
    }

    ValidatableResponse completeWith(Object body) {
        return request().contentType(ContentType.JSON).body(body).when().post(COMPLETE).then();
    }

    ValidatableResponse parts(String uploadId) {
        return request().when().get("/public/file/upload/" + uploadId + "/parts").then();
    }

    ValidatableResponse abort(String uploadId) {
        return request().when().delete("/public/file/upload/" + uploadId).then();
    }
}
